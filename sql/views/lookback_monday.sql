-- Scalar macro: the first Monday on or after `as_of` - 7 * `weeks` days, where a look-back of
-- `weeks` weeks before `as_of` starts (the missing-weeks rule). With constant arguments it
-- folds to a constant, so a filter on it lets a scan skip row groups.
CREATE OR REPLACE MACRO main.lookback_monday(as_of, weeks) AS
    CAST(date_trunc('week', CAST(as_of AS DATE) + 6 - 7 * CAST(weeks AS INTEGER)) AS DATE);
