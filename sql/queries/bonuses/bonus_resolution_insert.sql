INSERT INTO store.bonus_resolutions (lead_id, decision, loss_since, resolved_by, resolved_at)
VALUES ($lead_id, $decision, $loss_since, $by, $at);
