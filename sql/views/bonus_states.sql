-- Table macro: the bonus state of every lead won by the end of day `as_of` (Europe/Amsterdam),
-- with every intermediate step (bonus-rules.md, all of it). The one truth behind `bonuses list`,
-- `close-period`, `explain` and the bonus e-mails.
-- H(d), the invoiced hours known at day d, is the running sum of bonus_hour_deltas. The rules ask
-- of it its value at as_of (subject_hours_known_at: stored totals less what became known after
-- as_of) and the days it crosses each lead's threshold: the steps that cross a threshold in use
-- do not depend on as_of and are stored (store.bonus_hours_crossings, kept by each write), so
-- no call sorts or sums every timesheet line (benchmarks/README.md, "bonuses list as of a date").
-- A bonus in a batch has lines (bonus, clawback, reinstatement, ...; "Corrections after a
-- batch"): its row shows the latest line's batch state, the amount and dates of its latest
-- positive line, or `review` while the sum of its lines disagrees with the condition and
-- finance has not answered that change.
-- Usage: SELECT * FROM bonus_states(DATE '2026-03-31')
CREATE OR REPLACE MACRO main.bonus_states(as_of) AS TABLE
WITH lead AS (
    SELECT * FROM main.bonus_leads WHERE won_on <= as_of
),
batch AS (
    -- batches as they stood at the end of as_of: a step counts from the day it was taken; an
    -- approval later withdrawn (a line added to the batch) counts on the days it stood
    SELECT b.batch_id, b.period,
           CASE WHEN CAST(timezone('Europe/Amsterdam', b.paid_at) AS DATE) <= as_of THEN 'paid'
                WHEN CAST(timezone('Europe/Amsterdam', b.approved_at) AS DATE) <= as_of
                  OR EXISTS (
                      SELECT 1 FROM store.bonus_approval_withdrawals w
                      WHERE w.batch_id = b.batch_id
                        AND CAST(timezone('Europe/Amsterdam', w.approved_at) AS DATE) <= as_of
                        AND CAST(timezone('Europe/Amsterdam', w.withdrawn_at) AS DATE) > as_of)
                    THEN 'approved'
                ELSE 'in_batch' END AS batch_state
    FROM store.bonus_batches b
    WHERE CAST(timezone('Europe/Amsterdam', b.prepared_at) AS DATE) <= as_of
),
line AS (
    -- every line of a bonus known at the end of as_of ("Corrections after a batch"): its batch
    -- items added by then (position 1 the bonus, then clawback, reinstatement, ...), and the
    -- lines finance decided by then that wait for the next period closed (no batch yet)
    SELECT i.lead_id, i."position", i.kind, i.amount_eur, i.earned_on, i.payout_date,
           i.batch_id, b.period, b.batch_state, i.scheme, i."trigger", i.threshold_hours
    FROM store.bonus_batch_items i
    JOIN batch b ON b.batch_id = i.batch_id
    WHERE CAST(timezone('Europe/Amsterdam', i.added_at) AS DATE) <= as_of
    UNION ALL
    SELECT r.lead_id, r."position",
           CASE r.decision WHEN 'clawback' THEN 'clawback' ELSE 'reinstatement' END,
           r.amount_eur, r.earned_on, r.payout_date, NULL, NULL, 'in_batch', NULL, NULL, NULL
    FROM store.bonus_resolutions r
    WHERE r.decision IN ('clawback', 'reinstate')
      AND CAST(timezone('Europe/Amsterdam', r.resolved_at) AS DATE) <= as_of
      AND NOT EXISTS (
          SELECT 1 FROM store.bonus_batch_items i JOIN batch b ON b.batch_id = i.batch_id
          WHERE i.lead_id = r.lead_id AND i."position" = r."position"
            AND CAST(timezone('Europe/Amsterdam', i.added_at) AS DATE) <= as_of)
),
item AS (
    -- per bonus with lines: the bonus line (scheme, trigger and threshold frozen when batched),
    -- the latest line (its batch's state is the row's), the latest positive line (the row's
    -- amount and dates) and the sum of the lines (the amount or zero)
    SELECT lead_id,
           max("position") AS lines,
           arg_max({'kind': kind, 'batch_id': batch_id, 'period': period,
                    'batch_state': batch_state}, "position") AS latest,
           arg_max({'earned_on': earned_on, 'payout_date': payout_date,
                    'amount_eur': amount_eur}, "position") FILTER (WHERE amount_eur > 0)
               AS positive,
           arg_min({'scheme': scheme, 'trigger': "trigger", 'threshold_hours': threshold_hours},
                   "position") AS first,
           arg_max(batch_id, "position") FILTER (WHERE kind = 'clawback' AND batch_id IS NOT NULL)
               AS clawback_batch_id,
           sum(amount_eur) AS items_sum_eur
    FROM line
    GROUP BY lead_id
),
kept AS (
    -- `keep` answers: the change (loss or recovery, and the day it began) each left as it was,
    -- with the latest line it kept
    SELECT DISTINCT lead_id, "position", change, loss_since AS since
    FROM store.bonus_resolutions
    WHERE decision = 'keep' AND CAST(timezone('Europe/Amsterdam', resolved_at) AS DATE) <= as_of
),
subject AS (
    SELECT l.*,
           coalesce(i.first."trigger", l."trigger") AS eff_trigger,
           CASE WHEN i.lead_id IS NOT NULL THEN i.first.threshold_hours
                ELSE l.threshold_hours END AS eff_threshold
    FROM lead l
    LEFT JOIN item i ON i.lead_id = l.lead_id
),
hours_now AS (
    -- H at as_of: the invoiced hours known then (the stored totals less what became known after
    -- as_of, not a running sum)
    SELECT assignment_id, invoiced_hours AS hours_now
    FROM main.subject_hours_known_at(as_of)
),
crossing AS (
    -- the days by as_of that H crosses a lead's threshold: up (from below it to at or above it)
    -- or down. store.bonus_hours_crossings keeps every step that crosses a threshold in use, for
    -- every assignment the lead log names (leadanalytics.bonuses.crossings); each lead's own here
    SELECT s.lead_id, s.won_on, c.changed_on, c.invoiced_hours >= s.eff_threshold AS up
    FROM store.bonus_hours_crossings c
    JOIN subject s ON s.assignment_id = c.assignment_id
    WHERE c.changed_on <= as_of
      AND (c.hours_before < s.eff_threshold) <> (c.invoiced_hours < s.eff_threshold)
),
runs AS (
    -- per lead: the last crossing up and down by as_of; whether H was at or above the
    -- threshold at won_on (the direction of the last crossing by then; with none, H was 0 then)
    -- and whether it crossed up after won_on
    SELECT c.lead_id,
           max(c.changed_on) FILTER (WHERE c.up) AS run_started_on,
           max(c.changed_on) FILTER (WHERE NOT c.up) AS loss_since,
           arg_max(c.up, c.changed_on) FILTER (WHERE c.changed_on <= c.won_on) AS above_at_won,
           bool_or(c.up AND c.changed_on > c.won_on) AS reached_after_won
    FROM crossing c
    GROUP BY c.lead_id
),
judged AS (
    SELECT s.*,
           CAST(coalesce(h.hours_now, 0) AS DECIMAL(12, 2)) AS hours_now,
           r.run_started_on, r.loss_since,
           CASE WHEN s.scheme IS NULL THEN false
                WHEN s.eff_trigger = 'placement' THEN true
                ELSE coalesce(h.hours_now, 0) >= s.eff_threshold END AS holds,
           CASE WHEN s.scheme IS NULL THEN false
                WHEN s.eff_trigger = 'placement' THEN true
                ELSE coalesce(r.above_at_won, 0 >= s.eff_threshold)
                     OR coalesce(r.reached_after_won, false) END AS ever_reached
    FROM subject s
    LEFT JOIN hours_now h ON h.assignment_id = s.assignment_id
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
),
judged_items AS (
    -- a bonus with lines disagrees with the condition when the sum of its lines is its amount
    -- and the condition does not hold (a loss, since the day H fell below the threshold) or the
    -- sum is zero and it holds (a recovery, since the day H crossed back above it)
    SELECT p.*,
           CASE WHEN i.lead_id IS NULL THEN NULL
                WHEN i.items_sum_eur > 0 AND NOT p.holds THEN 'loss'
                WHEN i.items_sum_eur <= 0 AND p.holds THEN 'recovery' END AS review_change,
           CASE WHEN i.lead_id IS NULL THEN NULL
                WHEN i.items_sum_eur > 0 AND NOT p.holds THEN p.loss_since
                WHEN i.items_sum_eur <= 0 AND p.holds THEN p.run_started_on END AS review_since
    FROM paid_on p
    LEFT JOIN item i ON i.lead_id = p.lead_id
)
SELECT p.lead_id, p.submitter_id, p.branch_id, p.business_unit, p.assignment_id,
       coalesce(i.first.scheme, p.scheme) AS scheme,
       CASE WHEN p.scheme IS NULL AND i.lead_id IS NULL THEN NULL ELSE p.eff_trigger END
           AS "trigger",
       CASE WHEN p.eff_trigger = 'hours' THEN p.eff_threshold END AS threshold_hours,
       CASE WHEN p.eff_trigger = 'hours' AND coalesce(i.first.scheme, p.scheme) IS NOT NULL
            THEN p.hours_now END AS invoiced_hours,
       CASE WHEN i.lead_id IS NOT NULL THEN i.positive.earned_on ELSE p.computed_earned_on END
           AS earned_on,
       CASE WHEN i.lead_id IS NOT NULL THEN i.positive.payout_date
            ELSE least(p.payout_month + (p.payout_day - 1), last_day(p.payout_month)) END
           AS payout_date,
       CASE WHEN i.lead_id IS NOT NULL THEN i.positive.amount_eur ELSE p.amount_eur END
           AS amount_eur,
       CASE WHEN p.scheme IS NULL AND i.lead_id IS NULL THEN 'review'
            WHEN i.lead_id IS NULL THEN
                CASE WHEN p.holds THEN 'earned'
                     WHEN p.ever_reached THEN 'withdrawn'
                     ELSE 'pending' END
            WHEN p.review_change IS NOT NULL AND k.lead_id IS NULL THEN 'review'
            WHEN i.latest.kind = 'clawback' AND i.latest.batch_state = 'paid' THEN 'clawed_back'
            ELSE i.latest.batch_state END AS status,
       -- the derivation, for explain and for finance
       p.pipeline, p.won_phase, p.won_entity, p.won_at, p.won_on, p.submitted_at, p.submitted_on,
       p.valid_from, p.valid_to, p.amount_rule, p.amount_eur AS scheme_amount_eur,
       p.threshold_hours AS scheme_threshold_hours, p.payout_day, p.payout_lag_months,
       p.holds, p.ever_reached, p.run_started_on, p.loss_since, p.computed_earned_on,
       least(p.payout_month + (p.payout_day - 1), last_day(p.payout_month))
           AS computed_payout_date,
       -- the lines: how many, the latest (its batch, NULL while it waits for the next period
       -- closed), their sum; a disagreement with the condition and whether finance kept it
       coalesce(i.lines, 0) AS lines, i.latest.kind AS latest_kind,
       i.latest.batch_id AS batch_id, i.latest.period AS batch_period,
       i.latest.batch_state AS batch_state, i.items_sum_eur,
       p.review_change, p.review_since, k.lead_id IS NOT NULL AS review_kept,
       i.clawback_batch_id, coalesce(i.latest.kind = 'clawback', false) AS clawback_decided
FROM judged_items p
LEFT JOIN item i ON i.lead_id = p.lead_id
LEFT JOIN kept k
       ON k.lead_id = p.lead_id AND k."position" = i.lines AND k.change = p.review_change
      AND k.since IS NOT DISTINCT FROM p.review_since;
