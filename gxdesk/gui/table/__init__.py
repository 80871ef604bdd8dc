"""The schema-driven table grid: one model, delegate and view for every statistical table."""
