-- The one week of a correction request, with the highest revision loaded when it was asked.
INSERT INTO store.timesheet_request_weeks (request_id, week, week_status, base_revision)
VALUES ($request_id, CAST($week AS DATE), 'requested', $base_revision);
