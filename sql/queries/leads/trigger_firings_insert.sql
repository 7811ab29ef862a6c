-- Record firings of one rule: $occurrence_keys, $lead_ids, $occurred_ats and $details are
-- pairwise (one element per firing); all fired at $fired_at with $outcome.
INSERT INTO store.trigger_firings
SELECT $rule, unnest(CAST($occurrence_keys AS VARCHAR[])), unnest(CAST($lead_ids AS VARCHAR[])),
       unnest(CAST($occurred_ats AS TIMESTAMPTZ[])), $fired_at, $outcome,
       unnest(CAST($details AS VARCHAR[]));
