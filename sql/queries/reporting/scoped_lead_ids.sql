-- The ids of the leads in a scope (for filtering results of other areas' queries).
SELECT lead_id FROM scoped_leads($scope_kind, $scope_id);
