-- Review notices due as of $as_of (bonus-rules.md, "Corrections after a batch"): every bonus
-- with a line in a batch that is `review` (a loss, or a recovery after a clawback, not yet
-- answered), once per change (its review_change and review_since), to every person acting as
-- finance on $as_of (own role or a delegation valid that day) who is active and has an address.
-- A change already announced to anyone (a message whose dedupe_key starts with the change's
-- key) is not announced again, so a finance person added later does not get old changes.
WITH review AS (
    SELECT s.lead_id, s.submitter_id, s.assignment_id, s.amount_eur, s.earned_on,
           s.payout_date, s.invoiced_hours, s.threshold_hours, s.review_change, s.review_since,
           s.batch_id, s.batch_period, s."trigger",
           'bonus_review:' || s.lead_id || ':' || s.review_change || ':'
               || coalesce(CAST(s.review_since AS VARCHAR), 'none') || ':' AS change_key
    FROM main.bonus_states(CAST($as_of AS DATE)) s
    WHERE s.status = 'review' AND s.lines > 0 AND s.review_change IS NOT NULL
),
finance AS (
    SELECT DISTINCT p.person_id, p.name, p.email
    FROM main.role_grants g
    JOIN store.people p ON p.person_id = g.person_id AND p.active
    WHERE g.role = 'finance'
      AND (g.valid_from IS NULL OR CAST($as_of AS DATE) BETWEEN g.valid_from AND g.valid_to)
      AND p.email IS NOT NULL AND p.email <> '***'
)
SELECT r.lead_id, r.submitter_id, coalesce(sp.name, r.submitter_id) AS submitter_name,
       r.assignment_id, r.amount_eur, r.earned_on, r.payout_date, r.invoiced_hours,
       r.threshold_hours, r.review_change, r.review_since, r.batch_id, r.batch_period,
       r."trigger", f.person_id, coalesce(f.name, f.person_id) AS name, f.email,
       r.change_key || f.person_id AS dedupe_key
FROM review r
CROSS JOIN finance f
LEFT JOIN store.people sp ON sp.person_id = r.submitter_id
WHERE NOT EXISTS (SELECT 1 FROM store.outbox o
                  WHERE o.kind = 'bonus_review' AND starts_with(o.dedupe_key, r.change_key))
ORDER BY r.lead_id, f.person_id;
