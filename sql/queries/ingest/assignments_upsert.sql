-- An anonymised contact (`***`) stays anonymised: a reload never brings the data back.
INSERT INTO store.assignments (assignment_id, start_date, end_date, contact_name, contact_email,
                               contact_language, load_id)
SELECT assignment_id, start_date, end_date, contact_name, contact_email, contact_language, $load_id
FROM checked WHERE status = 'load'
ON CONFLICT (assignment_id) DO UPDATE
SET start_date = excluded.start_date, end_date = excluded.end_date,
    contact_name = CASE WHEN store.assignments.contact_name = '***' THEN '***' ELSE excluded.contact_name END,
    contact_email = CASE WHEN store.assignments.contact_email = '***' THEN '***' ELSE excluded.contact_email END,
    contact_language = excluded.contact_language, load_id = excluded.load_id;
