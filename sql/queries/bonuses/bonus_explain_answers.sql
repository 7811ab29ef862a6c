-- Finance's `keep` answers on one lead's bonus and the approvals withdrawn by its lines.
SELECT 'keep' AS what, resolved_by AS who, resolved_at AS "at", change, loss_since AS since,
       reason, NULL AS batch_id, NULL AS approved_by
FROM store.bonus_resolutions
WHERE lead_id = $lead_id AND decision = 'keep'
UNION ALL
SELECT 'approval withdrawn', withdrawn_by, withdrawn_at, NULL, NULL, reason, batch_id, approved_by
FROM store.bonus_approval_withdrawals
WHERE lead_id = $lead_id
ORDER BY 3;
