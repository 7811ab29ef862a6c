-- Staged people rows with the rules they break. Roles are `|`-separated names of known roles.
-- `language` (nl or en, the language of their e-mails) and `payroll_id` (the payroll number on
-- statements) are optional columns: read through the row as JSON, so that a file without them
-- loads and keeps what is already stored. A payroll number is one person's: a second person
-- with it (in the file or stored) is quarantined.
CREATE OR REPLACE TEMP TABLE checked AS
WITH s AS (
    SELECT row_number, person_id, name, lower(email) AS email, lower(replace(role, ' ', '')) AS role,
           branch_id, active, parse_bool(active) AS active_bool,
           lower(to_json(staged) ->> 'language') AS language,
           list_contains(json_keys(to_json(staged)), 'language') AS language_given,
           nullif(trim(to_json(staged) ->> 'payroll_id'), '') AS payroll_id,
           list_contains(json_keys(to_json(staged)), 'payroll_id') AS payroll_given
    FROM staged
),
conflicting AS (
    SELECT person_id FROM s WHERE person_id IS NOT NULL
    GROUP BY person_id
    HAVING count(DISTINCT (name, email, role, branch_id, active_bool, language, payroll_id)) > 1
),
payroll_taken AS (
    SELECT s.row_number, min(o.person_id) AS other
    FROM s
    JOIN (SELECT person_id, payroll_id FROM s
          UNION ALL
          SELECT person_id, payroll_id FROM store.people WHERE payroll_id IS NOT NULL) o
      ON o.payroll_id = s.payroll_id AND o.person_id <> s.person_id
    GROUP BY s.row_number
),
failures AS (
    SELECT s.*,
        list_filter([
            CASE WHEN s.person_id IS NULL THEN 'person_id_required: person_id is empty' END,
            CASE WHEN s.name IS NULL THEN 'name_required: name is empty' END,
            CASE WHEN s.role IS NULL THEN 'role_required: role is empty' END,
            CASE WHEN s.role IS NOT NULL AND NOT list_bool_and(list_transform(string_split(s.role, '|'),
                     lambda r: r IN ('employee', 'regional_director', 'finance', 'analyst', 'admin')))
                 THEN 'unknown_role: role ' || s.role || ' is not among employee, regional_director, finance, analyst, admin' END,
            CASE WHEN s.email IS NOT NULL AND NOT regexp_full_match(s.email, '[^@\s]+@[^@\s]+\.[^@\s]+')
                 THEN 'bad_email: email ' || s.email || ' is not an e-mail address' END,
            CASE WHEN s.active IS NOT NULL AND s.active_bool IS NULL
                 THEN 'bad_boolean: active ' || s.active || ' is not true/false, 1/0, yes/no or ja/nee' END,
            CASE WHEN s.language NOT IN ('nl', 'en')
                 THEN 'unknown_language: language ' || s.language || ' is not nl or en' END,
            CASE WHEN s.branch_id IS NOT NULL AND s.branch_id NOT IN (SELECT branch_id FROM store.branches)
                 THEN 'unknown_branch: branch_id ' || s.branch_id || ' names no branch' END,
            CASE WHEN t.other IS NOT NULL
                 THEN 'payroll_id_taken: payroll_id ' || s.payroll_id || ' is that of person ' || t.other END,
            CASE WHEN s.person_id IN (SELECT person_id FROM conflicting)
                 THEN 'conflicting_rows: person_id ' || s.person_id || ' appears with different content in this file' END
        ], lambda x: x IS NOT NULL) AS fails
    FROM s
    LEFT JOIN payroll_taken t ON t.row_number = s.row_number
)
SELECT f.row_number, f.person_id, f.name, f.email, f.role, f.branch_id,
       coalesce(f.active_bool, true) AS active, f.language, f.language_given,
       f.payroll_id, f.payroll_given,
       f.person_id AS record_key,
       CASE WHEN len(f.fails) > 0 THEN split_part(f.fails[1], ':', 1) END AS rule,
       CASE WHEN len(f.fails) > 0 THEN array_to_string(f.fails, '; ') END AS detail,
       CASE
           WHEN len(f.fails) > 0 THEN 'quarantine'
           WHEN EXISTS (SELECT 1 FROM store.people p
                        WHERE p.person_id = f.person_id
                          AND (p.anonymized_at IS NOT NULL
                               OR (p.name = f.name AND p.email IS NOT DISTINCT FROM f.email))
                          AND p.role = f.role
                          AND p.branch_id IS NOT DISTINCT FROM f.branch_id
                          AND p.active = coalesce(f.active_bool, true)
                          AND (NOT f.language_given
                               OR p.language IS NOT DISTINCT FROM f.language)
                          AND (NOT f.payroll_given
                               OR p.payroll_id IS NOT DISTINCT FROM f.payroll_id)) THEN 'skip'
           WHEN row_number() OVER (PARTITION BY f.person_id, len(f.fails) ORDER BY f.row_number) > 1 THEN 'skip'
           ELSE 'load'
       END AS status
FROM failures f;
