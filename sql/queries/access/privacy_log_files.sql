-- What an anonymisation did with the written files ($paths, $kinds, $actions, pairwise), on its
-- privacy_log row.
UPDATE store.privacy_log
SET files = (SELECT coalesce(list({'path': p, 'kind': k, 'action': a} ORDER BY k, p), [])
             FROM (SELECT unnest(CAST($paths AS VARCHAR[])) AS p,
                          unnest(CAST($kinds AS VARCHAR[])) AS k,
                          unnest(CAST($actions AS VARCHAR[])) AS a))
WHERE kind = $kind AND subject_key = $subject_key AND done_at = $at;
