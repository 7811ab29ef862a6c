INSERT INTO store.lead_groups (lead_id, group_code, added_at, added_by)
SELECT $lead_id, $group, $at, $by
WHERE NOT EXISTS (SELECT 1 FROM store.lead_groups
                  WHERE lead_id = $lead_id AND group_code = $group AND removed_at IS NULL);
