-- Staged lead rows (view `staged`) with the column rules they break and what becomes of them:
-- 'quarantine', 'skip' (identical to the loaded lead, or to an earlier row of the file) or
-- 'load' (a new lead, or new field values for a loaded one; nothing is deleted). A broken row
-- identical to one quarantined before is skipped: loading the same file twice changes nothing.
-- (New leads get the active phase pipeline in queries/ingest/leads_upsert.)
CREATE OR REPLACE TEMP TABLE checked AS
WITH s AS (
    SELECT st.row_number, st.lead_id, st.created_at AS created_at_text,
           TRY_CAST(created_at AS TIMESTAMPTZ) AS created_at,
           submitter_id, branch_id, business_unit, client_name, contact_name, lower(contact_email) AS contact_email,
           title, description, is_permanent_role AS permanent_text, is_hours_extension AS extension_text,
           parse_bool(is_permanent_role) AS is_permanent_role,
           parse_bool(is_hours_extension) AS is_hours_extension,
           source, priority, category,
           EXISTS (SELECT 1 FROM store.quarantine q
                   WHERE q.kind = 'leads' AND q.record_key IS NOT DISTINCT FROM st.lead_id
                     AND [q.raw->>'lead_id', q.raw->>'created_at', q.raw->>'submitter_id',
                          q.raw->>'branch_id', q.raw->>'business_unit', q.raw->>'client_name',
                          q.raw->>'contact_name', q.raw->>'contact_email', q.raw->>'title',
                          q.raw->>'description', q.raw->>'is_permanent_role',
                          q.raw->>'is_hours_extension', q.raw->>'source', q.raw->>'priority',
                          q.raw->>'category']
                         IS NOT DISTINCT FROM
                         [st.lead_id, st.created_at, st.submitter_id, st.branch_id,
                          st.business_unit, st.client_name, st.contact_name, st.contact_email,
                          st.title, st.description, st.is_permanent_role, st.is_hours_extension,
                          st.source, st.priority, st.category]) AS quarantined_before
    FROM staged st
),
conflicting AS (
    SELECT lead_id FROM s WHERE lead_id IS NOT NULL
    GROUP BY lead_id
    HAVING count(DISTINCT (created_at, submitter_id, branch_id, business_unit, client_name,
                           contact_name, contact_email, title, description, is_permanent_role,
                           is_hours_extension, source, priority, category)) > 1
),
failures AS (
    SELECT s.*, l.lead_id IS NOT NULL AS exists_already, l.created_at AS loaded_created_at,
        list_filter([
            CASE WHEN s.lead_id IS NULL THEN 'lead_id_required: lead_id is empty' END,
            CASE WHEN s.created_at_text IS NULL THEN 'created_at_required: created_at is empty' END,
            CASE WHEN s.created_at_text IS NOT NULL AND s.created_at IS NULL
                 THEN 'bad_timestamp: created_at ' || s.created_at_text || ' is not an ISO 8601 timestamp' END,
            CASE WHEN s.permanent_text IS NOT NULL AND s.is_permanent_role IS NULL
                 THEN 'bad_boolean: is_permanent_role ' || s.permanent_text || ' is not true/false, 1/0, yes/no or ja/nee' END,
            CASE WHEN s.extension_text IS NOT NULL AND s.is_hours_extension IS NULL
                 THEN 'bad_boolean: is_hours_extension ' || s.extension_text || ' is not true/false, 1/0, yes/no or ja/nee' END,
            CASE WHEN s.branch_id IS NOT NULL AND s.branch_id NOT IN (SELECT branch_id FROM store.branches)
                 THEN 'unknown_branch: branch_id ' || s.branch_id || ' names no branch' END,
            CASE WHEN s.submitter_id IS NOT NULL AND s.submitter_id NOT IN (SELECT person_id FROM store.people)
                 THEN 'unknown_person: submitter_id ' || s.submitter_id || ' names no person' END,
            CASE WHEN l.lead_id IS NOT NULL AND s.created_at IS NOT NULL AND s.created_at <> l.created_at
                 THEN 'history_rewrite: created_at ' || s.created_at_text || ' differs from the loaded lead''s ' || strftime(l.created_at, '%Y-%m-%dT%H:%M:%S%z') || ' (history is never rewritten)' END,
            CASE WHEN s.lead_id IN (SELECT lead_id FROM conflicting)
                 THEN 'conflicting_rows: lead_id ' || s.lead_id || ' appears with different content in this file' END
        ], lambda x: x IS NOT NULL) AS fails,
        l.lead_id IS NOT NULL
          AND l.submitter_id IS NOT DISTINCT FROM s.submitter_id
          AND l.branch_id IS NOT DISTINCT FROM s.branch_id
          AND l.business_unit IS NOT DISTINCT FROM s.business_unit
          AND l.client_name IS NOT DISTINCT FROM s.client_name
          AND (l.contact_name IS NOT DISTINCT FROM s.contact_name OR l.contact_name = '***')
          AND (l.contact_email IS NOT DISTINCT FROM s.contact_email OR l.contact_email = '***')
          AND (l.title IS NOT DISTINCT FROM s.title OR contains(l.title, '***'))
          AND (l.description IS NOT DISTINCT FROM s.description OR contains(l.description, '***'))
          AND l.is_permanent_role = coalesce(s.is_permanent_role, false)
          AND l.is_hours_extension = coalesce(s.is_hours_extension, false)
          AND l.source IS NOT DISTINCT FROM s.source
          AND l.priority IS NOT DISTINCT FROM s.priority
          AND l.category IS NOT DISTINCT FROM s.category AS same_as_loaded
    FROM s
    LEFT JOIN store.leads l ON l.lead_id = s.lead_id
)
SELECT f.row_number, f.lead_id, f.created_at, f.submitter_id, f.branch_id, f.business_unit,
       f.client_name, f.contact_name, f.contact_email, f.title, f.description,
       coalesce(f.is_permanent_role, false) AS is_permanent_role,
       coalesce(f.is_hours_extension, false) AS is_hours_extension,
       f.source, f.priority, f.category, f.exists_already,
       f.lead_id AS record_key,
       CASE WHEN len(f.fails) > 0 THEN split_part(f.fails[1], ':', 1) END AS rule,
       CASE WHEN len(f.fails) > 0 THEN array_to_string(f.fails, '; ') END AS detail,
       CASE
           WHEN len(f.fails) > 0 AND f.quarantined_before THEN 'skip'
           WHEN len(f.fails) > 0 THEN 'quarantine'
           WHEN f.same_as_loaded THEN 'skip'
           WHEN row_number() OVER (PARTITION BY f.lead_id, len(f.fails) ORDER BY f.row_number) > 1 THEN 'skip'
           ELSE 'load'
       END AS status
FROM failures f;
