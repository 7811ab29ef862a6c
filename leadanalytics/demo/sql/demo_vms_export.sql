-- The vendor-platform export of the demo (Connecting-Expertise style): each line once, in its
-- latest state, with Dutch headers and status names, decimal commas and dd-mm-yyyy dates.
SELECT asg.assignment_id AS Opdracht,
       printf('I-%06d', ts.a + 1) AS Medewerker,
       strftime(DATE '1970-01-01' + ts.week, '%G-W%V') AS Week,
       replace(CAST(CAST(CAST(ts.hours AS DECIMAL(18, 2)) / 100 AS DECIMAL(9, 2)) AS VARCHAR),
               '.', ',') AS Uren,
       list_extract($statuses, ts.status + 1) AS Status,
       strftime(DATE '1970-01-01' + ts.status_date, '%d-%m-%Y') AS Statusdatum
FROM ts JOIN asg USING (a)
WHERE ts.vms
QUALIFY row_number() OVER (PARTITION BY ts.line ORDER BY ts.revision DESC) = 1
ORDER BY ts.line
