-- Migration 22: a person's payroll number (the key of the payroll system), an optional column of
-- people.csv, shown on payout statements (bonus-rules.md, "The statement"). NULL when unknown.
ALTER TABLE store.people ADD COLUMN payroll_id VARCHAR;
