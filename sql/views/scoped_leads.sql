-- Table macro: the leads a scope may see (domain.md "Scopes"), the one place of that rule.
-- Every lead-level metric, export and report reads leads through it (directly or through
-- scoped_lead_events / leads_as_of). scope_kind: 'all' | 'branch' (that branch and every
-- branch below it, any depth) | 'person' (leads submitted by that person). Only leads of the
-- active phase pipeline are leads of the metrics.
-- Usage: SELECT * FROM scoped_leads('branch', 'NORD')
CREATE OR REPLACE MACRO main.scoped_leads(scope_kind, scope_id) AS TABLE
SELECT l.*
FROM store.leads l
WHERE l.pipeline = (SELECT s.value FROM store.settings s WHERE s.key = 'phase_pipeline')
  AND (scope_kind = 'all'
       OR (scope_kind = 'person' AND l.submitter_id = scope_id)
       OR (scope_kind = 'branch' AND l.branch_id IN (
               SELECT t.branch_id FROM main.branch_tree t WHERE t.ancestor_id = scope_id)));
