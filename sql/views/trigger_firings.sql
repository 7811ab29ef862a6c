CREATE OR REPLACE VIEW main.trigger_firings AS
SELECT rule, occurrence_key, lead_id, occurred_at, fired_at, outcome, detail
FROM store.trigger_firings;
