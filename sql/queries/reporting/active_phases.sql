-- The phases of the active lead pipeline with group, outcome, colour and labels, in order.
SELECT code AS phase, position, phase_group, group_position, outcome, is_end, is_default, color,
       label_en, label_nl, group_label_en, group_label_nl
FROM phases
WHERE entity = 'lead'
  AND pipeline = (SELECT value FROM store.settings WHERE key = 'phase_pipeline')
ORDER BY position;
