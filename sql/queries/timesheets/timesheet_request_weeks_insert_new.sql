-- The weeks of the new requests (temp tables tr_new, tr_new_weeks).
INSERT INTO store.timesheet_request_weeks (request_id, week, week_status)
SELECT n.request_id, w.week, 'requested'
FROM tr_new_weeks w JOIN tr_new n ON n.assignment_id = w.assignment_id;
