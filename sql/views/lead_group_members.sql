-- Current members of lead groups (Carerix "Groep lead").
CREATE OR REPLACE VIEW main.lead_group_members AS
SELECT lead_id, group_code, added_at, added_by
FROM store.lead_groups
WHERE removed_at IS NULL;
