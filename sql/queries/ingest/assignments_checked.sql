-- Staged assignment rows with the rules they break.
CREATE OR REPLACE TEMP TABLE checked AS
WITH s AS (
    SELECT row_number, assignment_id, start_date, end_date, contact_name,
           lower(contact_email) AS contact_email,
           coalesce(lower(contact_language), 'nl') AS contact_language,
           TRY_CAST(start_date AS DATE) AS start_d, TRY_CAST(end_date AS DATE) AS end_d
    FROM staged
),
conflicting AS (
    SELECT assignment_id FROM s WHERE assignment_id IS NOT NULL
    GROUP BY assignment_id
    HAVING count(DISTINCT (start_d, end_d, contact_name, contact_email, contact_language)) > 1
),
failures AS (
    SELECT s.*,
        list_filter([
            CASE WHEN s.assignment_id IS NULL THEN 'assignment_id_required: assignment_id is empty' END,
            CASE WHEN s.start_d IS NULL OR NOT regexp_full_match(s.start_date, '\d{4}-\d{2}-\d{2}')
                 THEN 'bad_date: start_date ' || coalesce(s.start_date, '(empty)') || ' is not a YYYY-MM-DD date' END,
            CASE WHEN s.end_date IS NOT NULL
                      AND (s.end_d IS NULL OR NOT regexp_full_match(s.end_date, '\d{4}-\d{2}-\d{2}'))
                 THEN 'bad_date: end_date ' || s.end_date || ' is not a YYYY-MM-DD date' END,
            CASE WHEN s.end_d < s.start_d
                 THEN 'end_before_start: end_date ' || s.end_date || ' is before start_date ' || s.start_date END,
            CASE WHEN s.contact_language NOT IN ('nl', 'en')
                 THEN 'unknown_language: contact_language ' || s.contact_language || ' is not nl or en' END,
            CASE WHEN s.contact_email IS NOT NULL
                      AND NOT regexp_full_match(s.contact_email, '[^@\s]+@[^@\s]+\.[^@\s]+')
                 THEN 'bad_email: contact_email ' || s.contact_email || ' is not an e-mail address' END,
            CASE WHEN s.assignment_id IN (SELECT assignment_id FROM conflicting)
                 THEN 'conflicting_rows: assignment_id ' || s.assignment_id || ' appears with different content in this file' END
        ], lambda x: x IS NOT NULL) AS fails
    FROM s
)
SELECT f.row_number, f.assignment_id, f.start_d AS start_date, f.end_d AS end_date,
       f.contact_name, f.contact_email, f.contact_language, f.assignment_id AS record_key,
       CASE WHEN len(f.fails) > 0 THEN split_part(f.fails[1], ':', 1) END AS rule,
       CASE WHEN len(f.fails) > 0 THEN array_to_string(f.fails, '; ') END AS detail,
       CASE
           WHEN len(f.fails) > 0 THEN 'quarantine'
           WHEN EXISTS (SELECT 1 FROM store.assignments a
                        WHERE a.assignment_id = f.assignment_id AND a.start_date = f.start_d
                          AND a.end_date IS NOT DISTINCT FROM f.end_d
                          AND (a.contact_name = '***'
                               OR (a.contact_name IS NOT DISTINCT FROM f.contact_name
                                   AND a.contact_email IS NOT DISTINCT FROM f.contact_email))
                          AND a.contact_language = f.contact_language) THEN 'skip'
           WHEN row_number() OVER (PARTITION BY f.assignment_id, len(f.fails) ORDER BY f.row_number) > 1 THEN 'skip'
           ELSE 'load'
       END AS status
FROM failures f;
