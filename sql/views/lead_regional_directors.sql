-- "The regional director" of each lead (domain.md, "Notifications"): the active people holding
-- the regional_director role (their own, not by delegation) in the nearest branch, at or above
-- the lead's branch, that has one. `depth` 0 = the lead's own branch.
CREATE OR REPLACE VIEW main.lead_regional_directors AS
SELECT l.lead_id, g.person_id, g.branch_id, t.depth
FROM store.leads l
JOIN main.branch_tree t ON t.branch_id = l.branch_id
JOIN main.role_grants g
  ON g.branch_id = t.ancestor_id AND g.role = 'regional_director' AND g.delegator_id IS NULL
JOIN store.people p ON p.person_id = g.person_id AND p.active
QUALIFY t.depth = min(t.depth) OVER (PARTITION BY l.lead_id);
