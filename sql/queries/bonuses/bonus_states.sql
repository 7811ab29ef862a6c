-- Every lead won by $as_of with its bonus state and derivation; $lead_id NULL means all leads.
SELECT *
FROM main.bonus_states(CAST($as_of AS DATE))
WHERE CAST($lead_id AS VARCHAR) IS NULL OR lead_id = $lead_id
ORDER BY lead_id;
