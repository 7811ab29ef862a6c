SELECT lead_id, pipeline, branch_id, submitter_id FROM store.leads WHERE lead_id = $lead_id;
