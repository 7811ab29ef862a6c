-- The fields metric_leads shows of each lead in the scope, as they were at the end of the
-- as-of date (lead_fields_as_of), by lead_key; unsorted: metrics.leads places each row at its
-- key's rows of metric_leads.
SELECT l.lead_key, l.lead_id, l.title, l.client_name, l.business_unit, l.branch_id,
       l.submitter_id, pe.name AS submitter_name
FROM lead_fields_as_of($as_of) l
LEFT JOIN store.people pe ON pe.person_id = l.submitter_id
-- scope all reads every lead (an empty subquery, not a UNION: see scoped_lead_events)
WHERE $scope_kind = 'all'
   OR l.lead_id IN (SELECT s.lead_id FROM scoped_leads($scope_kind, $scope_id) s
                    WHERE $scope_kind <> 'all');
