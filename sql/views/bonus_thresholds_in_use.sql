-- Every hours threshold a bonus can be judged against: each scheme's thresholds (plain, hours
-- extension, permanent role) and those frozen in batch items. store.bonus_hours_crossings keeps
-- the steps of H that cross one of them, where bonus_states looks for the days a lead's own
-- threshold is crossed.
CREATE OR REPLACE VIEW main.bonus_thresholds_in_use AS
SELECT DISTINCT threshold_hours
FROM (
    SELECT unnest([threshold_hours, ext_threshold_hours, perm_threshold_hours]) AS threshold_hours
    FROM store.bonus_schemes
    UNION ALL
    SELECT threshold_hours FROM store.bonus_batch_items
)
WHERE threshold_hours IS NOT NULL;
