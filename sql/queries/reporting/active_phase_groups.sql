-- The phase groups of the active lead pipeline, in order.
SELECT code AS phase_group, label_nl AS group_label_nl, label_en AS group_label_en, position
FROM store.phase_groups
WHERE entity = 'lead'
  AND pipeline = (SELECT value FROM store.settings WHERE key = 'phase_pipeline')
ORDER BY position;
