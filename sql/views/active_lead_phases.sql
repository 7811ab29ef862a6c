-- The phases of the active lead pipeline (store.settings 'phase_pipeline') with a dense key in
-- the order of their group, then their own (phase_key 0, 1, ...): a metric with a row per lead
-- can return the key, sort by it (one integer instead of two) and have the phase's texts looked
-- up once per phase, not carried on every row.
CREATE OR REPLACE VIEW main.active_lead_phases AS
SELECT CAST(row_number() OVER (ORDER BY group_position, position, code) - 1 AS INTEGER)
           AS phase_key,
       code AS phase, phase_group, group_position, position, label_en, label_nl
FROM main.phases
WHERE entity = 'lead'
  AND pipeline = (SELECT value FROM store.settings WHERE key = 'phase_pipeline');
