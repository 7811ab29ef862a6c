CREATE OR REPLACE VIEW main.branches AS
SELECT branch_id, name, parent_id
FROM store.branches;
