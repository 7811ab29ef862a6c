-- How many leads of a scope existed at the end of day $as_of (a report manifest's row count).
SELECT count(*) AS leads FROM lead_phases_as_of($scope_kind, $scope_id, $as_of, '');
