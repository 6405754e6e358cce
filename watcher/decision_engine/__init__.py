"""The decision engine: audits, strategies, planners and cluster models."""
