-- Whether a person holds a role (own or delegated) on a day, in any branch.
SELECT count(*) > 0 AS holds
FROM main.role_grants
WHERE person_id = $person_id AND role = $role
  AND (valid_from IS NULL OR CAST($on AS DATE) BETWEEN valid_from AND valid_to);
