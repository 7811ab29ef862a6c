-- The files of a built report ($paths), recorded with everyone it can mention: the submitters
-- of its scope's leads, the people of its scope (its branches, its person; everyone for `all`)
-- and the contacts of its leads. $run_id is the scheduled run (NULL for `report build`).
INSERT OR REPLACE INTO store.written_files
WITH scoped AS (
    SELECT submitter_id, lower(contact_email) AS contact_email
    FROM main.scoped_leads($scope_kind, $scope_id)
), persons AS (
    SELECT submitter_id AS person_id FROM scoped
    UNION
    SELECT p.person_id FROM store.people p
    WHERE $scope_kind = 'all'
       OR ($scope_kind = 'person' AND p.person_id = $scope_id)
       OR ($scope_kind = 'branch' AND p.branch_id IN (
               SELECT t.branch_id FROM main.branch_tree t WHERE t.ancestor_id = $scope_id))
), mentions AS (
    SELECT coalesce((SELECT list(person_id ORDER BY person_id) FROM persons
                     WHERE person_id IS NOT NULL), []) AS person_ids,
           coalesce((SELECT list(DISTINCT contact_email ORDER BY contact_email) FROM scoped
                     WHERE contact_email IS NOT NULL AND contact_email <> '***'), []) AS contact_emails
)
SELECT f.path, 'report', $at, m.person_ids, m.contact_emails, $ref, CAST($run_id AS BIGINT)
FROM (SELECT unnest(CAST($paths AS VARCHAR[])) AS path) f, mentions m;
