-- time_to_assignment (reports.md "Three metrics, exactly"): cumulative incidence of the won
-- phase with a lost end as competing event (Aalen-Johansen):
-- CI(t) = sum over days s <= t of S(s-) * won(s) / n(s), 6 decimals.
SELECT days, at_risk, won, lost, censored,
       round(sum(still_open_before * won / at_risk) OVER (ORDER BY days ROWS UNBOUNDED PRECEDING),
             6) AS cumulative_incidence
FROM lead_decision_days($scope_kind, $scope_id, $as_of)
ORDER BY days;
