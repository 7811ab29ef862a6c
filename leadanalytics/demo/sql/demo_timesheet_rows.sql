-- The demo's good casemaster timesheet rows as text in the contract's columns (a view: each
-- file formats its own rows, nothing is held), from the generator's numeric table `ts` (dates
-- as days since 1970-01-01, hours in cents), the assignment ids `asg` and the status names
-- `demo_statuses`.
CREATE OR REPLACE TEMP VIEW demo_good_rows AS
SELECT printf('TSL-%09d', ts.line + 1) AS line_id,
       CAST(ts.revision AS VARCHAR) AS revision,
       asg.assignment_id,
       printf('I-%06d', ts.a + 1) AS employee_id,
       CAST(DATE '1970-01-01' + ts.week AS VARCHAR) AS week,
       CAST(CAST(CAST(ts.hours AS DECIMAL(18, 2)) / 100 AS DECIMAL(9, 2)) AS VARCHAR) AS hours,
       s.name AS status,
       CAST(DATE '1970-01-01' + ts.status_date AS VARCHAR) AS status_date,
       'casemaster' AS source,
       ts.file,
       2 * (ts.line * 8 + ts.revision) AS "order",
       CAST(DATE '1970-01-01' + ts.week AS VARCHAR) AS week_date
FROM ts
JOIN asg USING (a)
JOIN demo_statuses s ON s.code = ts.status
WHERE NOT ts.vms
