-- One new request id per assignment with new weeks (temp table tr_new_weeks).
CREATE OR REPLACE TEMP TABLE tr_new AS
SELECT nextval('store.request_ids') AS request_id, assignment_id, lead_id, branch_id
FROM (SELECT assignment_id, min(lead_id) AS lead_id, min(branch_id) AS branch_id
      FROM tr_new_weeks GROUP BY assignment_id ORDER BY assignment_id);
