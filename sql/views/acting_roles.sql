-- Scalar macro: the roles (sorted list) `person` may act in for a record of branch `branch` on
-- day `on_date`: every role held in that branch or a branch above it, own or by delegation
-- (domain.md, "Who may do what"). Usage: acting_roles('P-1', 'AMS', DATE '2026-03-01').
CREATE OR REPLACE MACRO main.acting_roles(person, branch, on_date) AS (
    SELECT coalesce(list_sort(list(DISTINCT g.role)), CAST([] AS VARCHAR[]))
    FROM main.role_grants g
    WHERE g.person_id = person
      AND on_date BETWEEN coalesce(g.valid_from, on_date) AND coalesce(g.valid_to, on_date)
      AND (g.scope = 'all'
           OR g.branch_id IN (SELECT t.ancestor_id FROM main.branch_tree t WHERE t.branch_id = branch))
);
