-- The role grants a person holds on day $day (view role_grants: own roles and delegations, both
-- window days inclusive), with `covers_scope`: whether the grant's branch is at or above the
-- branch the scope names (for a person scope: that person's branch).
WITH target AS (
    SELECT CASE $scope_kind
               WHEN 'branch' THEN $scope_id
               WHEN 'person' THEN (SELECT branch_id FROM store.people WHERE person_id = $scope_id)
           END AS branch_id
)
SELECT g.role, coalesce(g.branch_id, '') AS branch_id,
       CASE WHEN g.delegator_id IS NULL THEN 'own' ELSE 'delegated by ' || g.delegator_id END AS via,
       EXISTS (SELECT 1 FROM main.branch_tree t, target
               WHERE t.branch_id = target.branch_id AND t.ancestor_id = g.branch_id) AS covers_scope
FROM main.role_grants g
WHERE g.person_id = $person_id
  AND (g.valid_from IS NULL OR $day BETWEEN g.valid_from AND g.valid_to)
ORDER BY g.role, g.branch_id, via;
