-- `bonuses accrual --as-of`: the bonus cost to expect per payout month, from $as_of's month on
-- for $months months (bonus-rules.md, "Accrual"), for the bonuses of one scope.
-- certain_eur: bonuses earned as of $as_of, batched or not, not yet paid (earned, in_batch,
-- approved), in the month of their payout_date; one past its payout date and still unpaid
-- counts in $as_of's month. expected_eur: each `pending` hours bonus (bonus_projections, the one
-- projection's rows) times the probability that it is earned in the month whose payout is that
-- month (earned in month e is paid in e + payout_lag_months), given that it is not earned by
-- $as_of: (S(lo) - S(hi)) / S(a) on its curve of bonus_earn_curves, a = its days since won at
-- $as_of, lo/hi the days since won at the earn month's bounds (lo never before $as_of). So a
-- bonus's months add up to at most its amount. Rounded once: the cumulative sum over the
-- months to cents, each month the step of it, so the months never add up to more either.
-- Empty expected_eur when no lead was won with an hours trigger before $as_of (no curve).
WITH horizon AS (
    SELECT CAST(m AS DATE) AS month
    FROM generate_series(date_trunc('month', CAST($as_of AS DATE)),
                         date_trunc('month', CAST($as_of AS DATE))
                             + to_months(CAST($months AS INTEGER) - 1),
                         INTERVAL 1 MONTH) AS t(m)
),
b AS (
    SELECT *
    FROM main.bonus_projections(CAST($as_of AS DATE))
    WHERE $scope_kind = 'all'
       OR lead_id IN (SELECT lead_id FROM main.scoped_leads($scope_kind, $scope_id))
),
certain AS (
    SELECT greatest(CAST(date_trunc('month', payout_date) AS DATE),
                    CAST(date_trunc('month', CAST($as_of AS DATE)) AS DATE)) AS month,
           sum(amount_eur) AS certain_eur
    FROM b
    WHERE status IN ('earned', 'in_batch', 'approved')
    GROUP BY 1
),
curves AS (
    SELECT * FROM main.bonus_earn_curves(CAST($as_of AS DATE), CAST($min_group AS INTEGER))
),
groups AS (
    SELECT DISTINCT curve_id, curve_scheme, curve_business_unit FROM curves WHERE NOT overall
),
pending AS (
    -- each pending hours bonus on its group's curve, else on the overall one
    SELECT b.lead_id, b.amount_eur, b.won_on, b.payout_lag_months,
           CAST($as_of AS DATE) - b.won_on AS age_days,
           coalesce(g.curve_id, 0) AS curve_id
    FROM b
    LEFT JOIN groups g
           ON g.curve_scheme = b.scheme
          AND g.curve_business_unit IS NOT DISTINCT FROM b.business_unit
    WHERE b.status = 'pending' AND b."trigger" = 'hours'
),
windows AS (
    -- per bonus and payout month: the days since won at the bounds of the month it is earned in
    SELECT p.*, h.month,
           greatest(CAST(h.month - to_months(p.payout_lag_months) AS DATE) - 1,
                    CAST($as_of AS DATE)) - p.won_on AS lo_days,
           last_day(CAST(h.month - to_months(p.payout_lag_months) AS DATE)) - p.won_on
               AS hi_days
    FROM pending p
    CROSS JOIN horizon h
),
s_at AS (
    -- S(t) of a step curve: its value at the last duration at or before t, else 1
    SELECT w.lead_id, w.month, w.amount_eur, w.hi_days, w.lo_days,
           coalesce(sa.survival, 1.0) AS s_age, coalesce(sl.survival, 1.0) AS s_lo,
           coalesce(sh.survival, 1.0) AS s_hi
    FROM windows w
    ASOF LEFT JOIN curves sa
           ON sa.curve_id = w.curve_id AND w.age_days >= sa.days
    ASOF LEFT JOIN curves sl
           ON sl.curve_id = w.curve_id AND w.lo_days >= sl.days
    ASOF LEFT JOIN curves sh
           ON sh.curve_id = w.curve_id AND w.hi_days >= sh.days
),
expected AS (
    SELECT month,
           sum(CASE WHEN hi_days > lo_days AND s_age > 0
                    THEN CAST(amount_eur AS DOUBLE) * (s_lo - s_hi) / s_age ELSE 0 END)
               AS expected
    FROM s_at
    GROUP BY month
),
months AS (
    SELECT h.month, coalesce(c.certain_eur, 0) AS certain_eur,
           CAST(round(sum(coalesce(e.expected, 0)) OVER (ORDER BY h.month), 2)
                AS DECIMAL(18, 2)) AS expected_so_far,
           (SELECT count(*) FROM curves) > 0 AS has_curve
    FROM horizon h
    LEFT JOIN certain c ON c.month = h.month
    LEFT JOIN expected e ON e.month = h.month
),
stepped AS (
    SELECT month, certain_eur, has_curve,
           expected_so_far - coalesce(lag(expected_so_far) OVER (ORDER BY month), 0)
               AS expected_eur
    FROM months
)
SELECT strftime(month, '%Y-%m') AS payout_month,
       CAST(certain_eur AS DECIMAL(18, 2)) AS certain_eur,
       CASE WHEN has_curve THEN CAST(expected_eur AS DECIMAL(18, 2)) END AS expected_eur,
       CAST(certain_eur + CASE WHEN has_curve THEN expected_eur ELSE 0 END AS DECIMAL(18, 2))
           AS total_eur
FROM stepped
ORDER BY payout_month;
