-- The Kaplan-Meier curves behind the accrual as of $as_of (bonus_earn_curves), by curve and day.
SELECT curve_id, curve_scheme, curve_business_unit, overall, group_leads, days, at_risk,
       earned, censored, survival
FROM main.bonus_earn_curves(CAST($as_of AS DATE), CAST($min_group AS INTEGER))
ORDER BY curve_id, days;
