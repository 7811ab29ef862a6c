-- Table macro: the survival table behind `time_to_decision` and `time_to_assignment`
-- (reports.md "Three metrics, exactly"), the one place of those definitions. Population: the
-- leads in the scope whose start (first entry into any step) is on or before `as_of`. A lead is
-- decided on the day of its first end phase (outcome won or lost); a lead still open on `as_of`
-- is censored at as_of - start. One row per distinct duration in whole calendar days at which
-- anything happened, with the leads at risk (duration >= days; censored leads of a day count as
-- at risk for that day's decisions), the Kaplan-Meier estimate `still_open` after that day and
-- `still_open_before` (S(s-)).
CREATE OR REPLACE MACRO main.lead_decision_days(scope_kind, scope_id, as_of) AS TABLE
WITH obs AS (
    -- each lead as of as_of (its span then) with the start and first end reached by then
    SELECT coalesce(ended_on, as_of) - started_on AS days, end_outcome AS outcome
    FROM main.scoped_lead_events(scope_kind, scope_id, as_of)
    WHERE left_day IS NULL AND started_on IS NOT NULL
), per_day AS (
    SELECT days,
           count(*) AS n,
           count(*) FILTER (WHERE outcome IS NOT NULL) AS decided,
           count(*) FILTER (WHERE outcome = 'won') AS won,
           count(*) FILTER (WHERE outcome = 'lost') AS lost,
           count(*) FILTER (WHERE outcome IS NULL) AS censored
    FROM obs
    GROUP BY 1
), risk AS (
    SELECT *, sum(n) OVER (ORDER BY days DESC ROWS UNBOUNDED PRECEDING) AS at_risk
    FROM per_day
), km AS (
    SELECT *,
           product(1 - decided / at_risk) OVER (ORDER BY days ROWS UNBOUNDED PRECEDING)
               AS still_open
    FROM risk
)
SELECT days, CAST(at_risk AS BIGINT) AS at_risk, decided, won, lost, censored, still_open,
       coalesce(lag(still_open) OVER (ORDER BY days), 1.0) AS still_open_before
FROM km;
