-- Table macro: the bonus state of every lead won by the end of day `as_of` (Europe/Amsterdam),
-- with every intermediate step (bonus-rules.md, all of it). The one truth behind `bonuses list`,
-- `close-period`, `explain` and the bonus e-mails.
-- H(d), the invoiced hours known at day d, is the running sum of bonus_hour_deltas. A running
-- sum over every delta (a sort of every timesheet line) would cost more than everything else,
-- so it is taken in two steps: sums per assignment and month first (one hash aggregate), which
-- show for each lead the months in which its threshold can be crossed; the day-by-day running
-- sum only inside those months (benchmarks/README.md, "bonuses list as of a date").
-- Usage: SELECT * FROM bonus_states(DATE '2026-03-31')
CREATE OR REPLACE MACRO main.bonus_states(as_of) AS TABLE
WITH lead AS (
    SELECT * FROM main.bonus_leads WHERE won_on <= as_of
),
batch AS (
    -- batches as they stood at the end of as_of: a step counts from the day it was taken
    SELECT batch_id, period,
           CASE WHEN CAST(timezone('Europe/Amsterdam', paid_at) AS DATE) <= as_of THEN 'paid'
                WHEN CAST(timezone('Europe/Amsterdam', approved_at) AS DATE) <= as_of
                    THEN 'approved'
                ELSE 'in_batch' END AS batch_state
    FROM store.bonus_batches
    WHERE CAST(timezone('Europe/Amsterdam', prepared_at) AS DATE) <= as_of
),
item AS (
    SELECT i.lead_id, i.batch_id, b.period, b.batch_state, i.scheme, i."trigger",
           i.threshold_hours, i.earned_on, i.payout_date, i.amount_eur
    FROM store.bonus_batch_items i
    JOIN batch b ON b.batch_id = i.batch_id
    WHERE i.kind = 'bonus'
),
claw AS (
    SELECT i.lead_id, i.batch_id, b.batch_state
    FROM store.bonus_batch_items i
    JOIN batch b ON b.batch_id = i.batch_id
    WHERE i.kind = 'clawback'
),
resolution AS (
    SELECT lead_id,
           bool_or(decision = 'clawback') AS clawback_decided,
           list(loss_since) FILTER (WHERE decision = 'keep') AS kept_losses
    FROM store.bonus_resolutions
    WHERE CAST(timezone('Europe/Amsterdam', resolved_at) AS DATE) <= as_of
    GROUP BY lead_id
),
subject AS (
    SELECT l.*,
           coalesce(i."trigger", l."trigger") AS eff_trigger,
           CASE WHEN i.lead_id IS NOT NULL THEN i.threshold_hours
                ELSE l.threshold_hours END AS eff_threshold
    FROM lead l
    LEFT JOIN item i ON i.lead_id = l.lead_id
),
correction AS MATERIALIZED (
    SELECT assignment_id, day, delta FROM main.bonus_hour_corrections WHERE day <= as_of
),
deltas AS NOT MATERIALIZED (
    -- bonus_hour_deltas up to as_of (the same two parts as that view): the additions are read
    -- straight from the table by each use below, the few corrections from their small stored
    -- table (store.timesheet_hour_corrections, kept by the ingest) once
    SELECT assignment_id, status_date AS day, hours AS delta
    FROM store.timesheet_lines
    WHERE status = 'invoiced' AND hours <> 0 AND status_date <= as_of
    UNION ALL
    SELECT assignment_id, day, delta FROM correction
),
bucket AS (
    -- H(d) is a running sum of deltas; a sort of every delta costs more than all the rest, so it
    -- runs only where the threshold can be crossed. Per assignment and calendar month: the sum,
    -- and how far the running sum can rise (positive deltas) or fall (negative ones) inside it.
    -- h_start: H at the end of the month before, the running sum to the month less the month
    -- (a streaming window; a frame ending one row early is computed row by row)
    SELECT *, sum(net) OVER (PARTITION BY assignment_id ORDER BY month
                             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - net AS h_start
    FROM (
        SELECT assignment_id, date_trunc('month', day) AS month, sum(delta) AS net,
               coalesce(sum(delta) FILTER (WHERE delta > 0), 0) AS rise,
               coalesce(sum(delta) FILTER (WHERE delta < 0), 0) AS fall
        FROM deltas
        GROUP BY ALL
    )
),
lead_bucket AS (
    -- per lead and month, with H at the end of the month before (h_start): every value H takes
    -- inside the month, and the value before each change, lies in [h_start + fall,
    -- h_start + rise]. Kind 'above' (all >= threshold), 'below' (all < threshold, or no
    -- threshold) or 'mixed' (a crossing may lie inside: only these get the day-by-day sum).
    SELECT *, CASE WHEN eff_threshold IS NULL THEN 'below'
                   WHEN h_start + fall >= eff_threshold THEN 'above'
                   WHEN h_start + rise < eff_threshold THEN 'below'
                   ELSE 'mixed' END AS kind
    FROM (
        SELECT s.lead_id, s.won_on, s.eff_threshold, b.assignment_id, b.month, b.net, b.rise,
               b.fall, b.h_start
        FROM subject s
        JOIN bucket b ON b.assignment_id = s.assignment_id
    )
),
mixed AS (
    SELECT DISTINCT assignment_id, month, h_start FROM lead_bucket WHERE kind = 'mixed'
),
mixed_days AS (
    -- H(d) day by day inside the mixed months only
    SELECT assignment_id, month, changed_on, delta,
           h_start + sum(delta) OVER (
               PARTITION BY assignment_id, month ORDER BY changed_on
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS invoiced_hours
    FROM (
        SELECT d.assignment_id, m.month, m.h_start, d.day AS changed_on, sum(d.delta) AS delta
        FROM deltas d
        JOIN mixed m
          ON m.assignment_id = d.assignment_id AND m.month = date_trunc('month', d.day)
        GROUP BY ALL
    )
),
timeline AS (
    -- per lead: H at each change in its mixed months (with the value just before), and for
    -- every other month one row on its first day with the month's end value. That value is on
    -- the same side of the threshold as every value H takes in the month and as the value just
    -- before the month, which is all each aggregate of `runs` asks of such a month: no crossing
    -- inside, which side at won_on and after it; and the last row is H at as_of.
    SELECT l.lead_id, l.won_on, l.eff_threshold, m.changed_on, m.invoiced_hours,
           m.invoiced_hours - m.delta AS hours_before
    FROM lead_bucket l
    JOIN mixed_days m ON m.assignment_id = l.assignment_id AND m.month = l.month
    WHERE l.kind = 'mixed'
    UNION ALL
    SELECT lead_id, won_on, eff_threshold, CAST(month AS DATE), h_start + net, h_start + net
    FROM lead_bucket
    WHERE kind <> 'mixed'
),
runs AS (
    SELECT lead_id,
           arg_max(invoiced_hours, changed_on) AS hours_now,
           max(changed_on) FILTER (
               WHERE invoiced_hours >= eff_threshold AND hours_before < eff_threshold
           ) AS run_started_on,
           max(changed_on) FILTER (
               WHERE invoiced_hours < eff_threshold AND hours_before >= eff_threshold
           ) AS loss_since,
           arg_max(invoiced_hours, changed_on) FILTER (WHERE changed_on <= won_on)
               AS hours_at_won,
           bool_or(changed_on > won_on AND invoiced_hours >= eff_threshold) AS reached_after_won
    FROM timeline
    GROUP BY lead_id
),
judged AS (
    SELECT s.*,
           CAST(coalesce(r.hours_now, 0) AS DECIMAL(12, 2)) AS hours_now,
           r.run_started_on, r.loss_since,
           CASE WHEN s.scheme IS NULL THEN false
                WHEN s.eff_trigger = 'placement' THEN true
                ELSE coalesce(r.hours_now, 0) >= s.eff_threshold END AS holds,
           CASE WHEN s.scheme IS NULL THEN false
                WHEN s.eff_trigger = 'placement' THEN true
                ELSE coalesce(r.hours_at_won, 0) >= s.eff_threshold
                     OR coalesce(r.reached_after_won, false) END AS ever_reached
    FROM subject s
    LEFT JOIN runs r ON r.lead_id = s.lead_id
),
dated AS (
    SELECT j.*,
           CASE WHEN NOT j.holds THEN NULL
                WHEN j.eff_trigger = 'placement' THEN j.won_on
                ELSE greatest(coalesce(j.run_started_on, j.won_on), j.won_on) END
               AS computed_earned_on
    FROM judged j
),
paid_on AS (
    SELECT d.*,
           CAST(date_trunc('month', d.computed_earned_on) + to_months(d.payout_lag_months) AS DATE)
               AS payout_month
    FROM dated d
)
SELECT p.lead_id, p.submitter_id, p.branch_id, p.business_unit, p.assignment_id,
       coalesce(i.scheme, p.scheme) AS scheme,
       CASE WHEN p.scheme IS NULL AND i.lead_id IS NULL THEN NULL ELSE p.eff_trigger END
           AS "trigger",
       CASE WHEN p.eff_trigger = 'hours' THEN p.eff_threshold END AS threshold_hours,
       CASE WHEN p.eff_trigger = 'hours' AND coalesce(i.scheme, p.scheme) IS NOT NULL
            THEN p.hours_now END AS invoiced_hours,
       CASE WHEN i.lead_id IS NOT NULL THEN i.earned_on ELSE p.computed_earned_on END
           AS earned_on,
       CASE WHEN i.lead_id IS NOT NULL THEN i.payout_date
            ELSE least(p.payout_month + (p.payout_day - 1), last_day(p.payout_month)) END
           AS payout_date,
       CASE WHEN i.lead_id IS NOT NULL THEN i.amount_eur ELSE p.amount_eur END AS amount_eur,
       CASE WHEN p.scheme IS NULL AND i.lead_id IS NULL THEN 'review'
            WHEN i.lead_id IS NULL THEN
                CASE WHEN p.holds THEN 'earned'
                     WHEN p.ever_reached THEN 'withdrawn'
                     ELSE 'pending' END
            WHEN coalesce(r.clawback_decided, false) THEN
                CASE WHEN c.batch_state = 'paid' THEN 'clawed_back' ELSE 'review' END
            WHEN p.holds THEN i.batch_state
            WHEN list_contains(coalesce(r.kept_losses, []), p.loss_since) THEN i.batch_state
            ELSE 'review' END AS status,
       -- the derivation, for explain and for finance
       p.won_phase, p.won_entity, p.won_at, p.won_on, p.submitted_at, p.submitted_on,
       p.valid_from, p.valid_to, p.amount_rule, p.amount_eur AS scheme_amount_eur,
       p.threshold_hours AS scheme_threshold_hours, p.payout_day, p.payout_lag_months,
       p.holds, p.ever_reached, p.run_started_on, p.loss_since, p.computed_earned_on,
       i.batch_id, i.period AS batch_period, i.batch_state,
       c.batch_id AS clawback_batch_id, c.batch_state AS clawback_batch_state,
       coalesce(r.clawback_decided, false) AS clawback_decided
FROM paid_on p
LEFT JOIN item i ON i.lead_id = p.lead_id
LEFT JOIN claw c ON c.lead_id = p.lead_id
LEFT JOIN resolution r ON r.lead_id = p.lead_id;
