"""RPC endpoints of the applier."""
