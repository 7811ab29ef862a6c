-- Migration 4: bonus schemes, payout batches, finance's resolutions and the outbox.
-- The views in sql/views (bonus_schemes, bonus_batches, bonus_batch_items, outbox) are the
-- documented interface; these tables are the package's own business.

-- Bonus schemes as loaded from the scheme TOML (bonus-rules.md, "Schemes"). `definition` is the
-- canonical JSON of the scheme: a scheme in use is frozen, and a changed definition is refused.
CREATE TABLE store.bonus_schemes (
    name                  VARCHAR PRIMARY KEY,
    valid_from            DATE NOT NULL,
    valid_to              DATE,
    threshold_hours       DECIMAL(9, 2) NOT NULL,
    default_amount_eur    DECIMAL(12, 2) NOT NULL,
    payout_day            INTEGER NOT NULL,
    payout_lag_months     INTEGER NOT NULL,
    ext_threshold_hours   DECIMAL(9, 2),          -- [scheme.hours_extension]
    ext_amount_eur        DECIMAL(12, 2),
    perm_trigger          VARCHAR,                -- [scheme.permanent_role]: placement | hours
    perm_threshold_hours  DECIMAL(9, 2),
    perm_amount_eur       DECIMAL(12, 2),
    definition            JSON NOT NULL,
    source_file           VARCHAR,
    loaded_at             TIMESTAMPTZ NOT NULL
);

CREATE TABLE store.bonus_scheme_amounts (
    scheme        VARCHAR NOT NULL,
    business_unit VARCHAR NOT NULL,
    amount_eur    DECIMAL(12, 2) NOT NULL,
    PRIMARY KEY (scheme, business_unit)
);

-- One payout batch per period (YYYY-MM); each step is dated by the real time it happened.
CREATE TABLE store.bonus_batches (
    batch_id    VARCHAR PRIMARY KEY,
    period      VARCHAR NOT NULL UNIQUE,
    prepared_by VARCHAR NOT NULL,
    prepared_at TIMESTAMPTZ NOT NULL,
    approved_by VARCHAR,
    approved_at TIMESTAMPTZ,
    paid_by     VARCHAR,
    paid_at     TIMESTAMPTZ
);

-- Items as they were when the batch was closed. A lead has at most one `bonus` item ever and at
-- most one `clawback` item (the negative line of a clawback resolution): the key enforces it.
CREATE TABLE store.bonus_batch_items (
    batch_id        VARCHAR NOT NULL,
    lead_id         VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,         -- bonus | clawback
    submitter_id    VARCHAR,
    assignment_id   VARCHAR,
    scheme          VARCHAR NOT NULL,
    "trigger"       VARCHAR NOT NULL,
    threshold_hours DECIMAL(9, 2),
    invoiced_hours  DECIMAL(12, 2),
    earned_on       DATE NOT NULL,
    payout_date     DATE NOT NULL,
    amount_eur      DECIMAL(12, 2) NOT NULL,
    PRIMARY KEY (lead_id, kind)
);

-- Finance's decision on a `review` bonus: keep it, or claw it back. `loss_since` is the first
-- day of the loss the decision answers (a later loss is a new review).
CREATE TABLE store.bonus_resolutions (
    lead_id     VARCHAR NOT NULL,
    decision    VARCHAR NOT NULL,             -- keep | clawback
    loss_since  DATE,
    resolved_by VARCHAR NOT NULL,
    resolved_at TIMESTAMPTZ NOT NULL
);

-- Which bonus e-mails a submitter got, so that each change is announced once.
CREATE TABLE store.bonus_notices (
    lead_id     VARCHAR PRIMARY KEY,
    last_kind   VARCHAR NOT NULL,             -- earned | withdrawn
    notices     INTEGER NOT NULL,
    noticed_on  DATE NOT NULL
);

CREATE SEQUENCE store.message_ids START 1;

-- Every outgoing message. `dedupe_key` makes queueing idempotent; a failed send keeps its error
-- and is retried; `sent_at` is set once, so nothing is sent twice.
CREATE TABLE store.outbox (
    message_id      BIGINT PRIMARY KEY DEFAULT nextval('store.message_ids'),
    dedupe_key      VARCHAR NOT NULL UNIQUE,
    kind            VARCHAR NOT NULL,
    to_person_id    VARCHAR,
    to_address      VARCHAR,
    language        VARCHAR NOT NULL,
    subject         VARCHAR NOT NULL,
    body            VARCHAR NOT NULL,
    ref             VARCHAR,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TIMESTAMPTZ,
    error           VARCHAR
);
