-- A change record per field whose value differs (old value read before the update).
INSERT INTO store.lead_changes (lead_id, "at", field, old_value, new_value, actor_id)
SELECT $lead_id, $at, n.field,
       map(['business_unit', 'client_name', 'contact_name', 'contact_email', 'title',
            'description', 'submitter_id', 'branch_id', 'source', 'priority', 'category',
            'is_permanent_role', 'is_hours_extension'],
           [l.business_unit, l.client_name, l.contact_name, l.contact_email, l.title,
            l.description, l.submitter_id, l.branch_id, l.source, l.priority, l.category,
            CAST(l.is_permanent_role AS VARCHAR), CAST(l.is_hours_extension AS VARCHAR)])[n.field]
           AS old_value,
       n.value, $actor_id
FROM (SELECT unnest(CAST($fields AS VARCHAR[])) AS field,
             unnest(CAST($values AS VARCHAR[])) AS value) n
JOIN store.leads l ON l.lead_id = $lead_id
WHERE old_value IS DISTINCT FROM n.value;
