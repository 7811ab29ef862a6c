-- The label of every code a metric frame may carry, in $lang ('nl' or 'en'): `kind` is the
-- frame's column (phase, phase_group, business_unit, source, priority, category, reason), from
-- the active lead pipeline and the lookup tables (a reason is a rejection_reason). A label the
-- configuration lacks is NULL here: reporting/labels.py falls back to the code.
SELECT 'phase' AS kind, code, CASE WHEN $lang = 'en' THEN label_en ELSE label_nl END AS label
FROM store.phases
WHERE entity = 'lead'
  AND pipeline = (SELECT value FROM store.settings WHERE key = 'phase_pipeline')
UNION ALL
SELECT 'phase_group', code, CASE WHEN $lang = 'en' THEN label_en ELSE label_nl END
FROM store.phase_groups
WHERE entity = 'lead'
  AND pipeline = (SELECT value FROM store.settings WHERE key = 'phase_pipeline')
UNION ALL
SELECT CASE lookup WHEN 'rejection_reason' THEN 'reason' ELSE lookup END, code,
       CASE WHEN $lang = 'en' THEN label_en ELSE label_nl END
FROM store.lookups
WHERE lookup IN ('business_unit', 'source', 'priority', 'category', 'rejection_reason');
