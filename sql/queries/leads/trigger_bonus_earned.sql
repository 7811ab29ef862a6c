-- Leads whose bonus is earned as of $as_of and for which the rule has not fired yet.
SELECT s.lead_id, 'bonus:' || s.lead_id AS occurrence_key, CAST(s.earned_on AS TIMESTAMPTZ) AS occurred_at
FROM main.bonus_states(CAST($as_of AS DATE)) s
WHERE s.status = 'earned' AND ($lead_id IS NULL OR s.lead_id = $lead_id)
  AND NOT EXISTS (SELECT 1 FROM store.trigger_firings f
                  WHERE f.rule = $rule AND f.occurrence_key = 'bonus:' || s.lead_id)
ORDER BY s.lead_id;
