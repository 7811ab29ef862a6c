-- Finance's answer closes dispute $dispute_id (once: an answered dispute is not answered again).
UPDATE store.bonus_disputes
SET answered_by = $by, answered_at = $at, answer_reason = $reason
WHERE dispute_id = $dispute_id AND answered_at IS NULL;
