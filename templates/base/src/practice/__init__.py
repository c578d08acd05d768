"""Your practice code for this stage: one module per exercise."""
