-- The demo's casemaster timesheet rows as text in the contract's columns, from the generator's
-- numeric table `ts` (dates as days since 1970-01-01, hours in cents) and the assignment ids
-- `asg`. The rows of file $iso_file write their week as ISO week (2026-W07), like one sender does.
CREATE TEMP TABLE demo_rows AS
SELECT printf('TSL-%09d', ts.line + 1) AS line_id,
       CAST(ts.revision AS VARCHAR) AS revision,
       asg.assignment_id,
       printf('I-%06d', ts.a + 1) AS employee_id,
       CASE WHEN ts.file = $iso_file THEN strftime(DATE '1970-01-01' + ts.week, '%G-W%V')
            ELSE CAST(DATE '1970-01-01' + ts.week AS VARCHAR) END AS week,
       CAST(CAST(CAST(ts.hours AS DECIMAL(18, 2)) / 100 AS DECIMAL(9, 2)) AS VARCHAR) AS hours,
       list_extract($statuses, ts.status + 1) AS status,
       CAST(DATE '1970-01-01' + ts.status_date AS VARCHAR) AS status_date,
       'casemaster' AS source,
       ts.file,
       2 * (ts.line * 8 + ts.revision) AS "order",
       CAST(DATE '1970-01-01' + ts.week AS VARCHAR) AS week_date
FROM ts JOIN asg USING (a)
