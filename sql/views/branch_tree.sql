-- Every (branch, ancestor) pair, the branch itself included at depth 0.
CREATE OR REPLACE VIEW main.branch_tree AS
WITH RECURSIVE up(branch_id, ancestor_id, depth, path) AS (
    SELECT branch_id, branch_id, 0, [branch_id] FROM store.branches
    UNION ALL
    SELECT up.branch_id, b.parent_id, up.depth + 1, list_append(up.path, b.parent_id)
    FROM up
    JOIN store.branches b ON b.branch_id = up.ancestor_id
    WHERE b.parent_id IS NOT NULL AND NOT list_contains(up.path, b.parent_id)
)
SELECT branch_id, ancestor_id, depth FROM up;
