-- Staged delegation rows with the rules they break. An empty role delegates every role.
CREATE OR REPLACE TEMP TABLE checked AS
WITH s AS (
    SELECT row_number, delegator_id, delegate_id, coalesce(lower(trim(role)), '') AS role,
           start_date, end_date,
           TRY_CAST(start_date AS DATE) AS start_d, TRY_CAST(end_date AS DATE) AS end_d
    FROM staged
),
failures AS (
    SELECT s.*,
        list_filter([
            CASE WHEN s.delegator_id IS NULL THEN 'delegator_id_required: delegator_id is empty' END,
            CASE WHEN s.delegate_id IS NULL THEN 'delegate_id_required: delegate_id is empty' END,
            CASE WHEN s.delegator_id IS NOT NULL AND s.delegator_id NOT IN (SELECT person_id FROM store.people)
                 THEN 'unknown_person: delegator_id ' || s.delegator_id || ' names no person' END,
            CASE WHEN s.delegate_id IS NOT NULL AND s.delegate_id NOT IN (SELECT person_id FROM store.people)
                 THEN 'unknown_person: delegate_id ' || s.delegate_id || ' names no person' END,
            CASE WHEN s.role <> '' AND s.role NOT IN ('employee', 'regional_director', 'finance', 'analyst', 'admin')
                 THEN 'unknown_role: role ' || s.role || ' is not a known role' END,
            CASE WHEN s.start_d IS NULL OR NOT regexp_full_match(s.start_date, '\d{4}-\d{2}-\d{2}')
                 THEN 'bad_date: start_date ' || coalesce(s.start_date, '(empty)') || ' is not a YYYY-MM-DD date' END,
            CASE WHEN s.end_d IS NULL OR NOT regexp_full_match(s.end_date, '\d{4}-\d{2}-\d{2}')
                 THEN 'bad_date: end_date ' || coalesce(s.end_date, '(empty)') || ' is not a YYYY-MM-DD date' END,
            CASE WHEN s.end_d < s.start_d
                 THEN 'end_before_start: end_date ' || s.end_date || ' is before start_date ' || s.start_date END,
            CASE WHEN s.delegator_id = s.delegate_id
                 THEN 'self_delegation: ' || s.delegator_id || ' delegates to themselves' END
        ], lambda x: x IS NOT NULL) AS fails
    FROM s
)
SELECT f.row_number, f.delegator_id, f.delegate_id, f.role, f.start_d AS start_date,
       f.end_d AS end_date, f.delegator_id || '->' || f.delegate_id AS record_key,
       CASE WHEN len(f.fails) > 0 THEN split_part(f.fails[1], ':', 1) END AS rule,
       CASE WHEN len(f.fails) > 0 THEN array_to_string(f.fails, '; ') END AS detail,
       CASE
           WHEN len(f.fails) > 0 THEN 'quarantine'
           WHEN EXISTS (SELECT 1 FROM store.delegations d
                        WHERE d.delegator_id = f.delegator_id AND d.delegate_id = f.delegate_id
                          AND d.role = f.role AND d.start_date = f.start_d
                          AND d.end_date = f.end_d) THEN 'skip'
           WHEN row_number() OVER (PARTITION BY f.delegator_id, f.delegate_id, f.role, f.start_d, len(f.fails)
                                   ORDER BY f.row_number DESC) > 1 THEN 'skip'
           ELSE 'load'
       END AS status
FROM failures f;
