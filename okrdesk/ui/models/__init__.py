"""Qt item models over the plan, refreshed from the changes operations report."""
