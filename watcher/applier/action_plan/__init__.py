"""Action plan handlers: run one plan from PENDING to its end state."""
