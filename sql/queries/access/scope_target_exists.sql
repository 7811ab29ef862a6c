-- Does the branch or person a scope names exist? (an unknown one is a usage error)
SELECT CASE $scope_kind
           WHEN 'branch' THEN EXISTS (SELECT 1 FROM store.branches WHERE branch_id = $scope_id)
           WHEN 'person' THEN EXISTS (SELECT 1 FROM store.people WHERE person_id = $scope_id)
           ELSE true
       END AS found;
