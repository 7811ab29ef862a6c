-- Disputes of bonuses (bonus-rules.md, "Controls before money moves"), one row per dispute in
-- the order opened: who contested the lead's bonus, when and why, and finance's answer.
-- `dispute` is `open` or `answered` now; `latest` marks each lead's latest dispute (the one the
-- `dispute` column of `bonuses list` and the statement show).
CREATE OR REPLACE VIEW main.bonus_disputes AS
SELECT dispute_id, lead_id,
       CASE WHEN answered_at IS NULL THEN 'open' ELSE 'answered' END AS dispute,
       opened_by, opened_at, reason, answered_by, answered_at, answer_reason,
       dispute_id = max(dispute_id) OVER (PARTITION BY lead_id) AS latest
FROM store.bonus_disputes;
