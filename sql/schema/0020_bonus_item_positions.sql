-- Migration 20: a bonus's batch items alternate bonus / clawback / reinstatement
-- (bonus-rules.md, "Corrections after a batch"). Items get a position per lead (1 = the bonus,
-- then each line finance decides) and who added each line when; the key (lead_id, kind) that
-- allowed one clawback and no reinstatement becomes (lead_id, position). Existing rows keep
-- their batch: the bonus is position 1, its clawback position 2, added when the batch was made.
-- Safe to run again on its own result (tests bring a file back to an older version that way).
CREATE TABLE store.bonus_batch_items_v20 (
    batch_id        VARCHAR NOT NULL,
    lead_id         VARCHAR NOT NULL,
    "position"      INTEGER NOT NULL,         -- 1 = bonus, then clawback, reinstatement, ...
    kind            VARCHAR NOT NULL,         -- bonus | clawback | reinstatement
    submitter_id    VARCHAR,
    assignment_id   VARCHAR,
    scheme          VARCHAR NOT NULL,
    "trigger"       VARCHAR NOT NULL,
    threshold_hours DECIMAL(9, 2),
    invoiced_hours  DECIMAL(12, 2),
    earned_on       DATE NOT NULL,
    payout_date     DATE NOT NULL,
    amount_eur      DECIMAL(12, 2) NOT NULL,
    added_by        VARCHAR NOT NULL,         -- the closer, or finance adding a line to the batch
    added_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (lead_id, "position")
);

INSERT INTO store.bonus_batch_items_v20
SELECT i.batch_id, i.lead_id,
       row_number() OVER (PARTITION BY i.lead_id
                          ORDER BY b.prepared_at, CASE i.kind WHEN 'bonus' THEN 0 ELSE 1 END),
       i.kind, i.submitter_id,
       i.assignment_id, i.scheme, i."trigger", i.threshold_hours, i.invoiced_hours, i.earned_on,
       i.payout_date, i.amount_eur, b.prepared_by, b.prepared_at
FROM store.bonus_batch_items i
JOIN store.bonus_batches b ON b.batch_id = i.batch_id;

DROP TABLE store.bonus_batch_items;
ALTER TABLE store.bonus_batch_items_v20 RENAME TO bonus_batch_items;

-- Finance's answers: `keep` answers one change (`loss_since` is the day it began, `change` says
-- whether a loss or a recovery, `position` the latest line it leaves as it is); `clawback` and
-- `reinstate` decide the line at `position`, with its dates and amount, and the batch it went
-- into (NULL: it waits for the next period closed).
ALTER TABLE store.bonus_resolutions ADD COLUMN IF NOT EXISTS reason VARCHAR;
ALTER TABLE store.bonus_resolutions ADD COLUMN IF NOT EXISTS change VARCHAR;        -- loss | recovery
ALTER TABLE store.bonus_resolutions ADD COLUMN IF NOT EXISTS "position" INTEGER;
ALTER TABLE store.bonus_resolutions ADD COLUMN IF NOT EXISTS earned_on DATE;
ALTER TABLE store.bonus_resolutions ADD COLUMN IF NOT EXISTS payout_date DATE;
ALTER TABLE store.bonus_resolutions ADD COLUMN IF NOT EXISTS amount_eur DECIMAL(12, 2);
ALTER TABLE store.bonus_resolutions ADD COLUMN IF NOT EXISTS batch_id VARCHAR;
UPDATE store.bonus_resolutions r
SET change = 'loss',
    "position" = CASE WHEN r.decision = 'clawback' THEN 2 ELSE 1 END,
    batch_id = (SELECT i.batch_id FROM store.bonus_batch_items i
                WHERE i.lead_id = r.lead_id AND i.kind = 'clawback'),
    earned_on = CASE WHEN r.decision = 'clawback'
                     THEN (SELECT i.earned_on FROM store.bonus_batch_items i
                           WHERE i.lead_id = r.lead_id AND i."position" = 1) END,
    payout_date = CASE WHEN r.decision = 'clawback'
                       THEN (SELECT i.payout_date FROM store.bonus_batch_items i
                             WHERE i.lead_id = r.lead_id AND i."position" = 1) END,
    amount_eur = CASE WHEN r.decision = 'clawback'
                      THEN -(SELECT i.amount_eur FROM store.bonus_batch_items i
                             WHERE i.lead_id = r.lead_id AND i."position" = 1) END
WHERE r.change IS NULL;

-- An approval withdrawn because a line went into the approved, unpaid batch: the approval it
-- undid (who, when), who withdrew it, when and why. The batch is `prepared` again.
CREATE TABLE IF NOT EXISTS store.bonus_approval_withdrawals (
    batch_id     VARCHAR NOT NULL,
    approved_by  VARCHAR NOT NULL,
    approved_at  TIMESTAMPTZ NOT NULL,
    withdrawn_by VARCHAR NOT NULL,
    withdrawn_at TIMESTAMPTZ NOT NULL,
    lead_id      VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL
);
