-- What becomes of each row of a lead-events file: 'skip' (loaded before or repeated), 'load',
-- or 'quarantine' when any new row of its lead breaks a rule: the lead's new rows of the file
-- go whole, under the first rule broken (a column rule, else the first event's violation).
-- A lead whose new rows all were quarantined before, identically, and still break a rule is
-- skipped: loading the same file twice changes nothing.
CREATE OR REPLACE TEMP TABLE checked AS
WITH column_fail AS (
    SELECT lead_id, arg_min(fails[1], row_number) AS fail, arg_min(row_number, row_number) AS first_row
    FROM lead_event_rows WHERE len(fails) > 0
    GROUP BY lead_id
),
event_fail AS (
    SELECT record_id AS lead_id,
           arg_min(violations[1].rule, k) AS rule,
           arg_min('row ' || cid || ' (' || coalesce(from_phase, '?') || ' -> ' || coalesce(to_phase, '?') || '): '
                   || violations[1].detail, k) AS detail
    FROM checked_events WHERE len(violations) > 0
    GROUP BY record_id
),
broken AS (
    SELECT lead_id, split_part(fail, ':', 1) AS rule,
           'row ' || first_row || ': ' || fail AS detail
    FROM column_fail
    UNION ALL
    SELECT lead_id, rule, detail FROM event_fail
    WHERE lead_id NOT IN (SELECT lead_id FROM column_fail WHERE lead_id IS NOT NULL)
)
SELECT row_number, record_key, status,
       CASE WHEN status = 'quarantine' THEN rule END AS rule,
       CASE WHEN status = 'quarantine' THEN detail END AS detail
FROM (
    SELECT r.row_number, r.lead_id AS record_key, b.rule,
           'lead ' || coalesce(r.lead_id, '(empty)') || ' quarantined whole: ' || b.detail AS detail,
           CASE WHEN (r.loaded_before OR r.repeated) AND len(r.fails) = 0 THEN 'skip'
                WHEN b.rule IS NOT NULL AND bool_and(r.quarantined_before) OVER (PARTITION BY r.lead_id, (r.loaded_before OR r.repeated) AND len(r.fails) = 0) THEN 'skip'
                WHEN b.rule IS NOT NULL THEN 'quarantine'
                ELSE 'load' END AS status
    FROM lead_event_rows r
    LEFT JOIN broken b ON b.lead_id IS NOT DISTINCT FROM r.lead_id
);
