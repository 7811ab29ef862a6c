-- The signature store.bonus_hours_crossings was computed for (no row: never computed).
SELECT lines_counted, corrections_counted, subjects_counted, subjects_xor, thresholds
FROM store.bonus_hours_crossings_state;
