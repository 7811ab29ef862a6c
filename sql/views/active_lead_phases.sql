-- The phases of the active lead pipeline (store.settings 'phase_pipeline') with a dense key in
-- their order (phase_key 0, 1, ...): a metric with a row per lead can return the key and have
-- the phase's texts looked up once per phase, not carried on every row.
CREATE OR REPLACE VIEW main.active_lead_phases AS
SELECT CAST(row_number() OVER (ORDER BY position, code) - 1 AS INTEGER) AS phase_key,
       code AS phase, phase_group, group_position, position, label_en, label_nl
FROM main.phases
WHERE entity = 'lead'
  AND pipeline = (SELECT value FROM store.settings WHERE key = 'phase_pipeline');
