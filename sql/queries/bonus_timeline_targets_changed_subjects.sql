-- bt_targets when only the subject set changed: the assignments that became subjects and the
-- ones that no longer are (their timelines are added or removed; the rest stay).
CREATE OR REPLACE TEMP TABLE bt_targets AS
(SELECT assignment_id FROM main.bonus_timeline_subjects
 EXCEPT
 SELECT assignment_id FROM store.bonus_hours_timeline_subjects)
UNION ALL
(SELECT assignment_id FROM store.bonus_hours_timeline_subjects
 EXCEPT
 SELECT assignment_id FROM main.bonus_timeline_subjects);
