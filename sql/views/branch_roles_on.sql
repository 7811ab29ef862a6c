-- Table macro: every (person, branch, role) that holds on day `on_date`, with `delegator_id`
-- when the role is held by delegation (NULL for an own role). The set-based form of
-- leadanalytics.access.roles.roles_in_branch. Usage: SELECT * FROM branch_roles_on(DATE '2026-03-01')
CREATE OR REPLACE MACRO main.branch_roles_on(on_date) AS TABLE
SELECT DISTINCT g.person_id, b.branch_id, g.role, g.delegator_id
FROM main.role_grants g
JOIN store.branches b
  ON g.scope = 'all'
  OR (g.scope = 'branch' AND b.branch_id = g.branch_id)
  OR (g.scope = 'subtree'
      AND EXISTS (SELECT 1 FROM main.branch_tree t
                  WHERE t.branch_id = b.branch_id AND t.ancestor_id = g.branch_id))
WHERE on_date BETWEEN coalesce(g.valid_from, on_date) AND coalesce(g.valid_to, on_date);
