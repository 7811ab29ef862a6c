-- Migration 8: lead groups (Carerix "Groep lead"), trigger rules and their firings.
CREATE TABLE store.lead_groups (
    lead_id    VARCHAR NOT NULL,
    group_code VARCHAR NOT NULL,
    added_at   TIMESTAMPTZ NOT NULL,
    added_by   VARCHAR,
    removed_at TIMESTAMPTZ,
    removed_by VARCHAR
);

-- The rules in force; `installed_at` bounds what they react to (no firing on old history).
CREATE TABLE store.trigger_rules (
    name         VARCHAR PRIMARY KEY,
    definition   JSON NOT NULL,
    installed_at TIMESTAMPTZ NOT NULL
);

-- One row per (rule, occurrence): a rule fires once per occurrence.
CREATE TABLE store.trigger_firings (
    rule           VARCHAR NOT NULL,
    occurrence_key VARCHAR NOT NULL,
    lead_id        VARCHAR NOT NULL,
    occurred_at    TIMESTAMPTZ,
    fired_at       TIMESTAMPTZ NOT NULL,
    outcome        VARCHAR NOT NULL,   -- done | refused
    detail         VARCHAR,
    PRIMARY KEY (rule, occurrence_key)
);
