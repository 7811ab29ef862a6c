-- New leads, and new field values of loaded ones (by id; nothing deleted). Anonymised text
-- (`***`) stays anonymised: a reload never brings personal data back. created_at never changes.
INSERT INTO store.leads
    (lead_id, pipeline, created_at, submitter_id, branch_id, business_unit, client_name,
     contact_name, contact_email, title, description, is_permanent_role, is_hours_extension,
     source, priority, category, load_id)
SELECT lead_id, $pipeline, created_at, submitter_id, branch_id, business_unit, client_name,
       contact_name, contact_email, title, description, is_permanent_role, is_hours_extension,
       source, priority, category, $load_id
FROM checked WHERE status = 'load'
ON CONFLICT (lead_id) DO UPDATE SET
    submitter_id = excluded.submitter_id,
    branch_id = excluded.branch_id,
    business_unit = excluded.business_unit,
    client_name = excluded.client_name,
    contact_name = CASE WHEN store.leads.contact_name = '***' THEN '***' ELSE excluded.contact_name END,
    contact_email = CASE WHEN store.leads.contact_email = '***' THEN '***' ELSE excluded.contact_email END,
    title = CASE WHEN contains(store.leads.title, '***') THEN store.leads.title ELSE excluded.title END,
    description = CASE WHEN contains(store.leads.description, '***') THEN store.leads.description ELSE excluded.description END,
    is_permanent_role = excluded.is_permanent_role,
    is_hours_extension = excluded.is_hours_extension,
    source = excluded.source,
    priority = excluded.priority,
    category = excluded.category,
    load_id = excluded.load_id;
