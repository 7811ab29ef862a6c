-- Every role a person holds, and where and when (domain.md, "Who may do what"): the person's own
-- roles (people.role, several separated by '|') and the roles handed to them by delegation.
-- `scope`: 'branch' = the grant's branch only; 'subtree' = that branch and every branch below it
-- (regional directors); 'all' = every branch (finance, analyst, admin). `valid_from`/`valid_to`
-- are NULL for own roles, the delegation's window (both days inclusive) for delegated ones.
-- A delegate acts in the delegator's role for the delegator's branches; role '' hands all roles.
CREATE OR REPLACE VIEW main.role_grants AS
WITH own AS (
    SELECT p.person_id, lower(trim(r.role)) AS role, p.branch_id
    FROM store.people p, unnest(string_split(p.role, '|')) AS r(role)
    WHERE trim(r.role) <> ''
), scoped AS (
    SELECT person_id, role, branch_id,
           CASE WHEN role IN ('finance', 'analyst', 'admin') THEN 'all'
                WHEN role = 'regional_director' THEN 'subtree'
                ELSE 'branch' END AS scope
    FROM own
)
SELECT person_id, role, branch_id, scope,
       CAST(NULL AS DATE) AS valid_from, CAST(NULL AS DATE) AS valid_to,
       CAST(NULL AS VARCHAR) AS delegator_id
FROM scoped
UNION ALL
SELECT d.delegate_id, s.role, s.branch_id, s.scope, d.start_date, d.end_date, d.delegator_id
FROM store.delegations d
JOIN scoped s
  ON s.person_id = d.delegator_id
 AND (trim(d.role) = ''
      OR list_contains(list_transform(string_split(d.role, '|'), lambda x: lower(trim(x))), s.role));
