-- The bonus schemes stored by `init --bonus-scheme` (bonus-rules.md, "Schemes").
CREATE OR REPLACE VIEW main.bonus_schemes AS
SELECT name AS scheme, valid_from, valid_to, threshold_hours, default_amount_eur, payout_day,
       payout_lag_months, ext_threshold_hours, ext_amount_eur, perm_trigger, perm_threshold_hours,
       perm_amount_eur, source_file, loaded_at
FROM store.bonus_schemes;
