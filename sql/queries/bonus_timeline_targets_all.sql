-- bt_targets for a full recompute: every subject now and every one kept before.
CREATE OR REPLACE TEMP TABLE bt_targets AS
SELECT assignment_id FROM main.bonus_timeline_subjects
UNION
SELECT assignment_id FROM store.bonus_hours_timeline_subjects;
