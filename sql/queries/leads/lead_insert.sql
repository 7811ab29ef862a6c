INSERT INTO store.leads
    (lead_id, pipeline, created_at, submitter_id, branch_id, business_unit, client_name,
     contact_name, contact_email, title, description, is_permanent_role, is_hours_extension,
     source, priority, category)
VALUES ($lead_id, $pipeline, $created_at, $submitter_id, $branch_id, $business_unit,
        $client_name, $contact_name, $contact_email, $title, $description,
        coalesce($is_permanent_role, false), coalesce($is_hours_extension, false),
        $source, $priority, $category);
