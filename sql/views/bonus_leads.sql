-- Every lead that reached the won phase with an assignment id, with its submission date, its
-- scheme and the amount rule that applies (bonus-rules.md, "Which scheme, which amount").
-- Independent of any as-of date; bonus_states(as_of) keeps the leads won by that date.
-- The won phase is any phase whose outcome is 'won' in the configuration; in a lead/opportunity
-- configuration the opportunity's won event counts for the lead it came from.
CREATE OR REPLACE VIEW main.bonus_leads AS
WITH won AS (
    -- with the lead's submission: the first event that leaves the pipeline's default phase
    -- (the spans keep it, over the lead's whole log). By lead_key: the window partitions and
    -- the join to a million leads on an integer
    SELECT lead_key, assignment_id, won_phase, won_entity, won_at, won_on, submitted_at
    FROM (
        -- a lead's own won events (store.lead_phase_spans: the lead event log with its days
        -- and its pipeline's configuration)
        SELECT s.lead_key, s.assignment_id, s.phase AS won_phase, 'lead' AS won_entity,
               s.entered_at AS won_at, s.entered_on AS won_on, s.seq, s.submitted_at
        FROM store.lead_phase_spans s
        WHERE s.outcome = 'won' AND s.assignment_id IS NOT NULL
        UNION ALL
        SELECT ol.lead_key, e.assignment_id, e.to_phase, e.entity, e."at",
               CAST(timezone('Europe/Amsterdam', e."at") AS DATE), e.seq, s.submitted_at
        FROM store.phase_events e
        JOIN store.opportunities o ON o.opportunity_id = e.record_id
        JOIN store.leads ol ON ol.lead_id = coalesce(o.lead_id, e.record_id)
        JOIN store.phases p
          ON p.pipeline = o.pipeline AND p.entity = e.entity AND p.code = e.to_phase
        LEFT JOIN store.lead_phase_spans s
               ON s.lead_key = ol.lead_key AND s.left_on IS NULL
        WHERE e.entity = 'opportunity' AND p.outcome = 'won' AND e.assignment_id IS NOT NULL
    )
    QUALIFY row_number() OVER (PARTITION BY lead_key ORDER BY won_at, seq) = 1
),
unit_amounts AS (
    -- a scheme may name a business unit by its code or by its label (nl or en) in the lookup
    -- table; a lead carries what its file said. One amount per (scheme, unit): an exact match
    -- wins over one found through the lookup.
    SELECT scheme, business_unit, amount_eur
    FROM (
        SELECT a.scheme, a.business_unit, a.amount_eur, 0 AS via_lookup
        FROM store.bonus_scheme_amounts a
        UNION ALL
        SELECT a.scheme, u.code, a.amount_eur, 1
        FROM store.bonus_scheme_amounts a
        JOIN store.lookups u
          ON u.lookup = 'business_unit' AND a.business_unit IN (u.label_nl, u.label_en, u.code)
        UNION ALL
        SELECT a.scheme, unnest([u.label_nl, u.label_en]), a.amount_eur, 1
        FROM store.bonus_scheme_amounts a
        JOIN store.lookups u ON u.lookup = 'business_unit' AND a.business_unit = u.code
    )
    QUALIFY row_number() OVER (PARTITION BY scheme, business_unit ORDER BY via_lookup) = 1
),
chosen AS (
    SELECT l.lead_id, w.assignment_id, w.won_phase, w.won_entity, w.won_at, w.won_on,
           w.submitted_at, l.pipeline, l.submitter_id, l.branch_id, l.business_unit,
           l.is_permanent_role, l.is_hours_extension,
           sc.name AS scheme, sc.valid_from, sc.valid_to, sc.threshold_hours AS scheme_threshold,
           sc.default_amount_eur, sc.payout_day, sc.payout_lag_months,
           sc.ext_threshold_hours, sc.ext_amount_eur, sc.perm_trigger, sc.perm_threshold_hours,
           sc.perm_amount_eur, a.amount_eur AS unit_amount_eur,
           CASE WHEN sc.name IS NULL THEN NULL
                WHEN l.is_permanent_role AND sc.perm_amount_eur IS NOT NULL THEN 'permanent_role'
                WHEN l.is_hours_extension AND sc.ext_amount_eur IS NOT NULL THEN 'hours_extension'
                WHEN a.amount_eur IS NOT NULL THEN 'amount_by_business_unit'
                ELSE 'default_amount_eur' END AS amount_rule
    FROM won w
    JOIN store.leads l ON l.lead_key = w.lead_key
    LEFT JOIN (
        -- the scheme's validity as times: the submission's Amsterdam date lies between
        -- valid_from and valid_to exactly when its time lies between these (one time-zone
        -- conversion per scheme, none per lead)
        SELECT *, main.day_end(valid_from - 1) AS valid_from_at,
               main.day_end(valid_to) AS valid_to_before
        FROM store.bonus_schemes
    ) sc
           ON w.submitted_at >= sc.valid_from_at
          AND (sc.valid_to IS NULL OR w.submitted_at < sc.valid_to_before)
    LEFT JOIN unit_amounts a
           ON a.scheme = sc.name AND a.business_unit = l.business_unit
)
SELECT lead_id, pipeline, submitter_id, branch_id, business_unit, assignment_id, won_phase,
       won_entity, won_at, won_on, submitted_at,
       CAST(timezone('Europe/Amsterdam', submitted_at) AS DATE) AS submitted_on,
       scheme, valid_from, valid_to, amount_rule,
       CASE WHEN amount_rule IS NULL THEN NULL
            WHEN amount_rule = 'permanent_role' THEN coalesce(perm_trigger, 'hours')
            ELSE 'hours' END AS "trigger",
       CASE WHEN amount_rule = 'permanent_role' AND coalesce(perm_trigger, 'hours') = 'placement'
                THEN NULL
            WHEN amount_rule = 'permanent_role' THEN coalesce(perm_threshold_hours, scheme_threshold)
            WHEN amount_rule = 'hours_extension' THEN coalesce(ext_threshold_hours, scheme_threshold)
            ELSE scheme_threshold END AS threshold_hours,
       CASE amount_rule
            WHEN 'permanent_role' THEN perm_amount_eur
            WHEN 'hours_extension' THEN ext_amount_eur
            WHEN 'amount_by_business_unit' THEN unit_amount_eur
            ELSE default_amount_eur END AS amount_eur,
       payout_day, payout_lag_months
FROM chosen;
