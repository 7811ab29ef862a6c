-- The audit trail of the bonus engine, for auditors (bonus-rules.md, "Controls before money
-- moves"): every close, approval, withdrawn approval, payment, resolution, dispute, answer and
-- export, with who (`actor_id`), when (`at`, the package's clock), what and why (`reason`).
-- `items`, `amount_eur`: the batch's item count and total at a batch step.
CREATE OR REPLACE VIEW main.bonus_audit AS
SELECT audit_id, "at", step, batch_id, lead_id, actor_id, what, reason, items, amount_eur
FROM store.bonus_audit;
