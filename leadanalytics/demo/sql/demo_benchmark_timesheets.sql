-- Clean timesheet rows for benchmarks, from the generator's numeric table `ts`, in its order
-- (by line and revision; the connection preserves insertion order, so no sort is needed).
SELECT printf('TSL-%09d', line + 1) AS line_id,
       revision,
       printf('OPD-%07d', assignment + 1) AS assignment_id,
       printf('I-%06d', assignment + 1) AS employee_id,
       DATE '1970-01-01' + week AS week,
       CAST(CAST(hours_cents AS DECIMAL(18, 2)) / 100 AS DECIMAL(9, 2)) AS hours,
       list_extract($statuses, status + 1) AS status,
       DATE '1970-01-01' + status_date AS status_date,
       'casemaster' AS source
FROM ts
