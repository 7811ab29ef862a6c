-- Record the signature store.bonus_hours_crossings is now current for.
INSERT OR REPLACE INTO store.bonus_hours_crossings_state
VALUES (1, $lines, $corrections, $subjects, $subjects_xor, $thresholds);
