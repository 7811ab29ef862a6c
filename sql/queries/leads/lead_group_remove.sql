UPDATE store.lead_groups SET removed_at = $at, removed_by = $by
WHERE lead_id = $lead_id AND group_code = $group AND removed_at IS NULL;
