-- time_to_decision (reports.md "Three metrics, exactly"): Kaplan-Meier, 6 decimals.
SELECT days, at_risk, decided, censored, round(still_open, 6) AS still_open
FROM lead_decision_days($scope_kind, $scope_id, $as_of)
ORDER BY days;
