-- The regional directors of the nearest branch, at or above `branch_id`, that has one.
SELECT g.person_id
FROM main.branch_tree t
JOIN main.role_grants g
  ON g.branch_id = t.ancestor_id AND g.role = 'regional_director' AND g.delegator_id IS NULL
JOIN store.people p ON p.person_id = g.person_id AND p.active
WHERE t.branch_id = $branch_id
QUALIFY t.depth = min(t.depth) OVER ()
ORDER BY g.person_id;
