-- Assignments of a loaded file that no lead has reached (loaded, and reported).
SELECT c.assignment_id
FROM checked c
WHERE c.status = 'load'
  AND c.assignment_id NOT IN (SELECT assignment_id FROM main.lead_assignments WHERE assignment_id IS NOT NULL)
ORDER BY 1;
