-- A dispute opened on the bonus of $lead_id; ids in the order opened.
INSERT INTO store.bonus_disputes (dispute_id, lead_id, opened_by, opened_at, reason)
SELECT coalesce((SELECT max(dispute_id) FROM store.bonus_disputes), 0) + 1,
       $lead_id, $by, $at, $reason
RETURNING dispute_id;
