-- scope_name: the name of the branch or person a scope names (NULL for scope `all` or an unknown
-- id): the scope in words in a report's header, its charts' titles, its page title and index.html.
SELECT CASE $scope_kind
           WHEN 'branch' THEN (SELECT b.name FROM store.branches b WHERE b.branch_id = $scope_id)
           WHEN 'person' THEN (SELECT p.name FROM store.people p WHERE p.person_id = $scope_id)
       END AS name;
