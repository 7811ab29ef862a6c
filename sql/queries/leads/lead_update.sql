-- Set the given fields of one lead ($fields/$values as text; booleans 'true'/'false').
UPDATE store.leads SET
    business_unit = CASE WHEN list_contains($fields, 'business_unit') THEN map($fields, $values)['business_unit'] ELSE business_unit END,
    client_name = CASE WHEN list_contains($fields, 'client_name') THEN map($fields, $values)['client_name'] ELSE client_name END,
    contact_name = CASE WHEN list_contains($fields, 'contact_name') THEN map($fields, $values)['contact_name'] ELSE contact_name END,
    contact_email = CASE WHEN list_contains($fields, 'contact_email') THEN map($fields, $values)['contact_email'] ELSE contact_email END,
    title = CASE WHEN list_contains($fields, 'title') THEN map($fields, $values)['title'] ELSE title END,
    description = CASE WHEN list_contains($fields, 'description') THEN map($fields, $values)['description'] ELSE description END,
    submitter_id = CASE WHEN list_contains($fields, 'submitter_id') THEN map($fields, $values)['submitter_id'] ELSE submitter_id END,
    branch_id = CASE WHEN list_contains($fields, 'branch_id') THEN map($fields, $values)['branch_id'] ELSE branch_id END,
    source = CASE WHEN list_contains($fields, 'source') THEN map($fields, $values)['source'] ELSE source END,
    priority = CASE WHEN list_contains($fields, 'priority') THEN map($fields, $values)['priority'] ELSE priority END,
    category = CASE WHEN list_contains($fields, 'category') THEN map($fields, $values)['category'] ELSE category END,
    is_permanent_role = CASE WHEN list_contains($fields, 'is_permanent_role') THEN CAST(map($fields, $values)['is_permanent_role'] AS BOOLEAN) ELSE is_permanent_role END,
    is_hours_extension = CASE WHEN list_contains($fields, 'is_hours_extension') THEN CAST(map($fields, $values)['is_hours_extension'] AS BOOLEAN) ELSE is_hours_extension END
WHERE lead_id = $lead_id;
