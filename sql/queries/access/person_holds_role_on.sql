-- Does the person hold the role (own, or delegated in a window containing $day) anywhere?
SELECT EXISTS (
    SELECT 1 FROM main.role_grants
    WHERE person_id = $person_id AND role = $role
      AND (valid_from IS NULL OR $day BETWEEN valid_from AND valid_to)
) AS holds;
