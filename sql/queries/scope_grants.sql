-- The (role, branch) pairs a person holds on day $day: their own roles in their own branch,
-- and the roles delegated to them in a window that contains $day, in the delegator's branch
-- (domain.md "Organisation": a delegation hands some or all roles, both dates inclusive).
-- `covers_scope` says whether that grant's branch is at or above the branch the scope names
-- (for a person scope: that person's branch).
WITH target AS (
    SELECT CASE $scope_kind
               WHEN 'branch' THEN $scope_id
               WHEN 'person' THEN (SELECT branch_id FROM store.people WHERE person_id = $scope_id)
           END AS branch_id
), grants AS (
    SELECT trim(r.role) AS role, p.branch_id, 'own' AS via
    FROM store.people p, unnest(string_split(p.role, '|')) AS r(role)
    WHERE p.person_id = $person_id
    UNION ALL
    SELECT trim(r.role), p.branch_id, 'delegated by ' || d.delegator_id
    FROM store.delegations d
    JOIN store.people p ON p.person_id = d.delegator_id,
         unnest(string_split(p.role, '|')) AS r(role)
    WHERE d.delegate_id = $person_id
      AND $day BETWEEN d.start_date AND d.end_date
      AND (d.role = '' OR d.role = trim(r.role))
)
SELECT g.role, g.branch_id, g.via,
       EXISTS (SELECT 1 FROM main.branch_tree t, target
               WHERE t.branch_id = target.branch_id AND t.ancestor_id = g.branch_id) AS covers_scope
FROM grants g
ORDER BY g.role, g.branch_id;
