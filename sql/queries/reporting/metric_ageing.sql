-- ageing: open leads (outcome open) on the as-of date by phase and by days since their last
-- change (phase event or field change), in buckets; per group ($by, ascending, empty last).
WITH open_leads AS (
    SELECT by_value, phase, $as_of - last_change_day AS age
    FROM lead_phases_as_of($scope_kind, $scope_id, $as_of, $by)
    WHERE outcome = 'open'
), bucketed AS (
    SELECT by_value, phase,
           CASE WHEN age <= 7 THEN 1 WHEN age <= 14 THEN 2 WHEN age <= 30 THEN 3
                WHEN age <= 60 THEN 4 WHEN age <= 90 THEN 5 ELSE 6 END AS bucket_no
    FROM open_leads
)
SELECT b.by_value, b.phase, p.label_en AS label, p.label_nl, p.color,
       ['0-7', '8-14', '15-30', '31-60', '61-90', '>90'][b.bucket_no] AS age_days,
       b.bucket_no, count(*) AS leads
FROM bucketed b
JOIN phases p
  ON p.entity = 'lead' AND p.code = b.phase
 AND p.pipeline = (SELECT value FROM store.settings WHERE key = 'phase_pipeline')
GROUP BY b.by_value, b.phase, p.label_en, p.label_nl, p.color, b.bucket_no, p.position
ORDER BY (b.by_value IS NULL OR b.by_value = ''), b.by_value, p.position, b.bucket_no;
