-- Table macro: the steps of the active lead pipeline (reports.md "Three metrics, exactly"):
-- its `open` and `won` phases other than the default phase, in index order, numbered from 1.
-- (store.lead_phase_spans applies the same definition to each lead's own pipeline.)
CREATE OR REPLACE MACRO main.lead_steps() AS TABLE
SELECT p.code AS step, p.label_en AS label, p.label_nl, p.position,
       row_number() OVER (ORDER BY p.position) AS step_no
FROM store.phases p
WHERE p.entity = 'lead'
  AND p.pipeline = (SELECT s.value FROM store.settings s WHERE s.key = 'phase_pipeline')
  AND p.outcome IN ('open', 'won')
  AND NOT p.is_default;
