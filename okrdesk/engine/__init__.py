"""The workshop engine: operations and rules over a plan file (plain Python, no Qt)."""
