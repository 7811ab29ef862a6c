-- The roles one person holds in one branch on one day (own, and by delegation), sorted.
SELECT role, list_sort(list(DISTINCT delegator_id) FILTER (WHERE delegator_id IS NOT NULL)) AS delegated_by,
       bool_or(delegator_id IS NULL) AS own
FROM main.branch_roles_on(CAST($on AS DATE))
WHERE person_id = $person_id AND branch_id = $branch_id
GROUP BY role
ORDER BY role;
