-- Every stored scheme with its canonical definition and how bonuses use it: won leads under it
-- (and the latest submission date among them), and batch items that name it.
SELECT s.name, CAST(s.definition AS VARCHAR) AS definition,
       (SELECT count(*) FROM main.bonus_leads l WHERE l.scheme = s.name) AS won_leads,
       (SELECT max(l.submitted_on) FROM main.bonus_leads l WHERE l.scheme = s.name)
           AS last_submitted_on,
       (SELECT count(*) FROM store.bonus_batch_items i WHERE i.scheme = s.name) AS batch_items
FROM store.bonus_schemes s
ORDER BY s.name;
