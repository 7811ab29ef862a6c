CREATE OR REPLACE VIEW main.lead_changes AS
SELECT lead_id, "at", field, old_value, new_value, actor_id
FROM store.lead_changes;
