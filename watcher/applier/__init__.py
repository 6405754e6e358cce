"""The applier: runs action plans."""
