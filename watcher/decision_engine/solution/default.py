"""Default solution class (kept under the reference's module name)."""
from watcher.decision_engine.solution import base

DefaultSolution = base.Solution
