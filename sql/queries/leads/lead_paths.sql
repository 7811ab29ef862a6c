-- The path each lead took up to moment $at: its phases in order, as a list and as text.
SELECT h.lead_id,
       list(h.phase ORDER BY h.seq) AS path,
       array_to_string(list(h.phase ORDER BY h.seq), ' > ') AS path_text,
       count(*) - 1 AS moves,
       arg_max(h.phase, h.seq) AS phase
FROM main.lead_phase_history h
WHERE h.entered_at <= CAST($at AS TIMESTAMPTZ)
  AND (CAST($lead_ids AS VARCHAR[]) IS NULL OR list_contains(CAST($lead_ids AS VARCHAR[]), h.lead_id))
GROUP BY h.lead_id
ORDER BY h.lead_id;
