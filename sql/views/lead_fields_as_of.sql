-- Table macro: every lead with its fields as they were at the end of day `as_of`
-- (Europe/Amsterdam): the row of store.leads with each field that changed after as_of set back
-- to the old value of its first later change (store.lead_changes, written by update_lead).
-- Metrics group and show these values, so a metric as of a past date shows the lead as it was
-- then. Scopes stay with the current submitter and branch (scoped_leads): who may see a lead
-- is decided today.
-- Usage: SELECT * FROM lead_fields_as_of(DATE '2026-03-31')
CREATE OR REPLACE MACRO main.lead_fields_as_of(as_of) AS TABLE
WITH later AS (
    SELECT c.lead_id, c.field, arg_min(c.old_value, c."at") AS value_then
    FROM store.lead_changes c
    WHERE c."at" >= main.day_end(as_of)
    GROUP BY c.lead_id, c.field
), undone AS (
    SELECT lead_id, map_from_entries(list((field, value_then))) AS v
    FROM later
    GROUP BY lead_id
)
SELECT l.lead_id, l.lead_key, l.pipeline, l.created_at,
       CASE WHEN contains(map_keys(u.v), 'submitter_id') THEN u.v['submitter_id'] ELSE l.submitter_id END AS submitter_id,
       CASE WHEN contains(map_keys(u.v), 'branch_id') THEN u.v['branch_id'] ELSE l.branch_id END AS branch_id,
       CASE WHEN contains(map_keys(u.v), 'business_unit') THEN u.v['business_unit'] ELSE l.business_unit END AS business_unit,
       CASE WHEN contains(map_keys(u.v), 'client_name') THEN u.v['client_name'] ELSE l.client_name END AS client_name,
       CASE WHEN contains(map_keys(u.v), 'contact_name') THEN u.v['contact_name'] ELSE l.contact_name END AS contact_name,
       CASE WHEN contains(map_keys(u.v), 'contact_email') THEN u.v['contact_email'] ELSE l.contact_email END AS contact_email,
       CASE WHEN contains(map_keys(u.v), 'title') THEN u.v['title'] ELSE l.title END AS title,
       CASE WHEN contains(map_keys(u.v), 'description') THEN u.v['description'] ELSE l.description END AS description,
       CASE WHEN contains(map_keys(u.v), 'source') THEN u.v['source'] ELSE l.source END AS source,
       CASE WHEN contains(map_keys(u.v), 'priority') THEN u.v['priority'] ELSE l.priority END AS priority,
       CASE WHEN contains(map_keys(u.v), 'category') THEN u.v['category'] ELSE l.category END AS category,
       CASE WHEN contains(map_keys(u.v), 'is_permanent_role')
            THEN CAST(u.v['is_permanent_role'] AS BOOLEAN) ELSE l.is_permanent_role END AS is_permanent_role,
       CASE WHEN contains(map_keys(u.v), 'is_hours_extension')
            THEN CAST(u.v['is_hours_extension'] AS BOOLEAN) ELSE l.is_hours_extension END AS is_hours_extension
FROM store.leads l
LEFT JOIN undone u ON u.lead_id = l.lead_id;
