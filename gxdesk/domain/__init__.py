"""Pure model of the report: editions, values, rules and findings (standard library only)."""
