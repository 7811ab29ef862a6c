-- Staged branch rows with the rules they break. The tree after this load (file rows over
-- stored ones) must know every parent and hold no cycle.
CREATE OR REPLACE TEMP TABLE checked AS
WITH s AS (
    SELECT row_number, branch_id, name, parent_id FROM staged
),
conflicting AS (
    SELECT branch_id FROM s WHERE branch_id IS NOT NULL
    GROUP BY branch_id HAVING count(DISTINCT (name, parent_id)) > 1
),
tree AS (
    SELECT DISTINCT branch_id, parent_id FROM s
    WHERE branch_id IS NOT NULL AND name IS NOT NULL
      AND branch_id NOT IN (SELECT branch_id FROM conflicting)
    UNION ALL
    SELECT b.branch_id, b.parent_id FROM store.branches b
    WHERE b.branch_id NOT IN (SELECT branch_id FROM s WHERE branch_id IS NOT NULL)
),
walk AS (
    WITH RECURSIVE w(start, cur, depth) AS (
        SELECT branch_id, parent_id, 1 FROM tree WHERE parent_id IS NOT NULL
        UNION ALL
        SELECT w.start, t.parent_id, w.depth + 1
        FROM w JOIN tree t ON t.branch_id = w.cur
        WHERE t.parent_id IS NOT NULL AND w.cur <> w.start AND w.depth < 10000
    )
    SELECT DISTINCT start FROM w WHERE cur = start
),
failures AS (
    SELECT s.*,
        list_filter([
            CASE WHEN s.branch_id IS NULL THEN 'branch_id_required: branch_id is empty' END,
            CASE WHEN s.name IS NULL THEN 'name_required: name is empty' END,
            CASE WHEN s.branch_id IN (SELECT branch_id FROM conflicting)
                 THEN 'conflicting_rows: branch_id ' || s.branch_id || ' appears with different content in this file' END,
            CASE WHEN s.parent_id IS NOT NULL
                      AND s.parent_id NOT IN (SELECT branch_id FROM tree)
                 THEN 'unknown_parent: parent_id ' || s.parent_id || ' names no branch' END,
            CASE WHEN s.branch_id IN (SELECT start FROM walk)
                 THEN 'cycle: branch ' || s.branch_id || ' is its own ancestor' END
        ], lambda x: x IS NOT NULL) AS fails
    FROM s
)
SELECT f.row_number, f.branch_id, f.name, f.parent_id, f.branch_id AS record_key,
       CASE WHEN len(f.fails) > 0 THEN split_part(f.fails[1], ':', 1) END AS rule,
       CASE WHEN len(f.fails) > 0 THEN array_to_string(f.fails, '; ') END AS detail,
       CASE
           WHEN len(f.fails) > 0 THEN 'quarantine'
           WHEN EXISTS (SELECT 1 FROM store.branches b
                        WHERE b.branch_id = f.branch_id AND b.name = f.name
                          AND b.parent_id IS NOT DISTINCT FROM f.parent_id) THEN 'skip'
           WHEN row_number() OVER (PARTITION BY f.branch_id, len(f.fails) ORDER BY f.row_number) > 1 THEN 'skip'
           ELSE 'load'
       END AS status
FROM failures f;
