-- Migration 19: disputes of bonuses and the audit trail of every bonus step (bonus-rules.md,
-- "Controls before money moves"). The views bonus_audit (sql/views) and the `dispute` column of
-- `bonuses list` are the documented interface; these tables are the package's own business.

-- A submitter (or a regional director over the lead's branch) contests a bonus; finance answers.
-- At most one dispute per lead is open (answered_at NULL): leadanalytics/bonuses/disputes.py
-- checks it in the transaction that opens one. A dispute changes no amount.
CREATE TABLE store.bonus_disputes (
    dispute_id    BIGINT PRIMARY KEY,     -- 1, 2, ... in the order opened
    lead_id       VARCHAR NOT NULL,
    opened_by     VARCHAR NOT NULL,
    opened_at     TIMESTAMPTZ NOT NULL,
    reason        VARCHAR NOT NULL,       -- free text of the person who contests
    answered_by   VARCHAR,
    answered_at   TIMESTAMPTZ,
    answer_reason VARCHAR                 -- free text of finance's answer
);

-- Every step that decides about money or contests it, with who, when (the package's clock),
-- what and why. Appended only: leadanalytics/bonuses/audit.py `record`. `step` is one of
-- close_period, approve, withdraw_approval, mark_paid, resolve, dispute, answer_dispute, export.
-- `items` and `amount_eur` are the batch's item count and total at a batch step.
CREATE TABLE store.bonus_audit (
    audit_id   BIGINT PRIMARY KEY,        -- 1, 2, ... in the order recorded
    step       VARCHAR NOT NULL,
    batch_id   VARCHAR,
    lead_id    VARCHAR,
    actor_id   VARCHAR,                   -- NULL only for a step taken without a person (export)
    "at"       TIMESTAMPTZ NOT NULL,
    what       VARCHAR NOT NULL,
    reason     VARCHAR,
    items      INTEGER,
    amount_eur DECIMAL(12, 2)
);

-- Warehouses made before this migration: the steps their batches, resolutions and exported
-- statements were stamped with, in the order they happened (totals as the items stand now).
INSERT INTO store.bonus_audit
WITH totals AS (
    SELECT batch_id, CAST(count(*) AS INTEGER) AS items, CAST(sum(amount_eur) AS DECIMAL(12, 2)) AS total
    FROM store.bonus_batch_items GROUP BY batch_id
), steps AS (
    SELECT 'close_period' AS step, b.batch_id, NULL AS lead_id, b.prepared_by AS actor_id,
           b.prepared_at AS "at", 'closed batch ' || b.batch_id || ': period ' || b.period AS what, 1 AS rank
    FROM store.bonus_batches b
    UNION ALL
    SELECT 'approve', b.batch_id, NULL, b.approved_by, b.approved_at,
           'approved batch ' || b.batch_id, 2
    FROM store.bonus_batches b WHERE b.approved_at IS NOT NULL
    UNION ALL
    SELECT 'mark_paid', b.batch_id, NULL, b.paid_by, b.paid_at,
           'marked batch ' || b.batch_id || ' paid', 3
    FROM store.bonus_batches b WHERE b.paid_at IS NOT NULL
    UNION ALL
    SELECT 'resolve', NULL, r.lead_id, r.resolved_by, r.resolved_at,
           'resolved the bonus of lead ' || r.lead_id || ': ' || r.decision
           || coalesce(' (loss since ' || CAST(r.loss_since AS VARCHAR) || ')', ''), 4
    FROM store.bonus_resolutions r
    UNION ALL
    SELECT 'export', f.ref, NULL, NULL, f.written_at,
           'exported the statement of batch ' || f.ref || ': ' || f.path, 5
    FROM store.written_files f WHERE f.kind = 'statement'
)
SELECT row_number() OVER (ORDER BY s."at", s.rank, s.batch_id, s.lead_id),
       s.step, s.batch_id, s.lead_id, s.actor_id, s."at", s.what, NULL,
       CASE WHEN s.batch_id IS NOT NULL THEN coalesce(t.items, 0) END,
       CASE WHEN s.batch_id IS NOT NULL THEN coalesce(t.total, 0) END
FROM steps s
LEFT JOIN totals t ON t.batch_id = s.batch_id;
