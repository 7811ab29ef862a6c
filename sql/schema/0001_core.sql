-- Migration 1: the core tables behind the documented views. Tables live in schema `store`;
-- analysts use the views in `main` (sql/views), which are the stable interface.
CREATE SCHEMA IF NOT EXISTS store;

CREATE TABLE store.schema_version (
    version    INTEGER NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE store.settings (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE SEQUENCE store.load_ids START 1;
CREATE SEQUENCE store.event_ids START 1;

-- Every load of a file: written last, in the load's own transaction.
CREATE TABLE store.loads (
    load_id          BIGINT PRIMARY KEY,
    kind             VARCHAR NOT NULL,
    source_file      VARCHAR NOT NULL,
    content_hash     VARCHAR,
    rows_read        BIGINT NOT NULL DEFAULT 0,
    rows_loaded      BIGINT NOT NULL DEFAULT 0,
    rows_skipped     BIGINT NOT NULL DEFAULT 0,
    rows_quarantined BIGINT NOT NULL DEFAULT 0,
    started_at       TIMESTAMPTZ NOT NULL,
    finished_at      TIMESTAMPTZ,
    status           VARCHAR NOT NULL,   -- loaded | partial | refused
    message          VARCHAR
);

-- Every rejected input row, with the rule it broke and the raw row as JSON.
CREATE TABLE store.quarantine (
    load_id     BIGINT NOT NULL,
    kind        VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    row_number  BIGINT,
    record_key  VARCHAR,                 -- e.g. the lead_id a whole history was quarantined for
    rule        VARCHAR NOT NULL,
    detail      VARCHAR,
    raw         JSON
);

-- Phase pipelines, written from the configuration files by `init`.
CREATE TABLE store.phase_groups (
    pipeline  VARCHAR NOT NULL,
    entity    VARCHAR NOT NULL,
    code      VARCHAR NOT NULL,
    position  INTEGER NOT NULL,
    label_nl  VARCHAR,
    label_en  VARCHAR,
    PRIMARY KEY (pipeline, entity, code)
);

CREATE TABLE store.phases (
    pipeline               VARCHAR NOT NULL,
    entity                 VARCHAR NOT NULL,
    code                   VARCHAR NOT NULL,
    position               INTEGER NOT NULL,
    phase_group            VARCHAR NOT NULL,
    active                 BOOLEAN NOT NULL,
    is_default             BOOLEAN NOT NULL,
    is_end                 BOOLEAN NOT NULL,
    is_default_end         BOOLEAN NOT NULL,
    outcome                VARCHAR NOT NULL,
    requires_reason        BOOLEAN NOT NULL,
    requires_assignment_id BOOLEAN NOT NULL,
    color                  VARCHAR,
    label_nl               VARCHAR,
    label_en               VARCHAR,
    code_fields            JSON,
    PRIMARY KEY (pipeline, entity, code)
);

CREATE TABLE store.phase_transitions (
    pipeline   VARCHAR NOT NULL,
    entity     VARCHAR NOT NULL,
    from_phase VARCHAR NOT NULL,
    to_phase   VARCHAR NOT NULL,
    PRIMARY KEY (pipeline, entity, from_phase, to_phase)
);

-- Which verb leads to which phase, and who may use it ('submitter' or a role name).
CREATE TABLE store.phase_verbs (
    pipeline VARCHAR NOT NULL,
    entity   VARCHAR NOT NULL,
    verb     VARCHAR NOT NULL,
    to_phase VARCHAR NOT NULL,
    actors   VARCHAR[] NOT NULL,
    PRIMARY KEY (pipeline, entity, verb, to_phase)
);

CREATE TABLE store.lookups (
    lookup   VARCHAR NOT NULL,   -- business_unit, source, priority, category, rejection_reason, contact_role
    code     VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    label_nl VARCHAR,
    label_en VARCHAR,
    PRIMARY KEY (lookup, code)
);

-- Reference data.
CREATE TABLE store.branches (
    branch_id VARCHAR PRIMARY KEY,
    name      VARCHAR NOT NULL,
    parent_id VARCHAR,
    load_id   BIGINT
);

CREATE TABLE store.people (
    person_id     VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    email         VARCHAR,
    role          VARCHAR NOT NULL,   -- one or more roles separated by '|'
    branch_id     VARCHAR,
    active        BOOLEAN NOT NULL DEFAULT true,
    anonymized_at TIMESTAMPTZ,
    anonymized_by VARCHAR,
    load_id       BIGINT
);

CREATE TABLE store.delegations (
    delegator_id VARCHAR NOT NULL,
    delegate_id  VARCHAR NOT NULL,
    role         VARCHAR NOT NULL,    -- '' = all roles (NULL in the view)
    start_date   DATE NOT NULL,
    end_date     DATE NOT NULL,
    load_id      BIGINT,
    PRIMARY KEY (delegator_id, delegate_id, role, start_date)
);

-- Leads: their fields. The phase follows from store.phase_events.
CREATE TABLE store.leads (
    lead_id            VARCHAR PRIMARY KEY,
    pipeline           VARCHAR NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    submitter_id       VARCHAR,
    branch_id          VARCHAR,
    business_unit      VARCHAR,
    client_name        VARCHAR,
    contact_name       VARCHAR,
    contact_email      VARCHAR,
    title              VARCHAR,
    description        VARCHAR,
    is_permanent_role  BOOLEAN NOT NULL DEFAULT false,
    is_hours_extension BOOLEAN NOT NULL DEFAULT false,
    source             VARCHAR,
    priority           VARCHAR,
    category           VARCHAR,
    load_id            BIGINT
);

CREATE TABLE store.opportunities (
    opportunity_id VARCHAR PRIMARY KEY,
    lead_id        VARCHAR NOT NULL,
    pipeline       VARCHAR NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);

-- The append-only event log of every lead and opportunity. `seq` orders events of one record
-- (events with the same `at` apply in file order).
CREATE TABLE store.phase_events (
    event_id      BIGINT NOT NULL DEFAULT nextval('store.event_ids'),
    entity        VARCHAR NOT NULL,   -- lead | opportunity
    record_id     VARCHAR NOT NULL,
    seq           INTEGER NOT NULL,
    "at"          TIMESTAMPTZ NOT NULL,
    from_phase    VARCHAR,
    to_phase      VARCHAR NOT NULL,
    verb          VARCHAR NOT NULL,
    actor_id      VARCHAR,
    reason        VARCHAR,
    assignment_id VARCHAR,
    load_id       BIGINT,
    recorded_at   TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

-- Field changes of leads, kept apart from phase events so that time in phase stays true.
CREATE TABLE store.lead_changes (
    lead_id   VARCHAR NOT NULL,
    "at"      TIMESTAMPTZ NOT NULL,
    field     VARCHAR NOT NULL,
    old_value VARCHAR,
    new_value VARCHAR,
    actor_id  VARCHAR
);

-- Timesheet line revisions as loaded by the ingest pipeline (pipelines/). No index: the
-- pipeline's set-based rules keep (line_id, revision) unique, and 10 M rows load faster without.
CREATE TABLE store.timesheet_lines (
    line_id       VARCHAR NOT NULL,
    revision      INTEGER NOT NULL,
    assignment_id VARCHAR NOT NULL,
    employee_id   VARCHAR,
    week          DATE NOT NULL,
    hours         DECIMAL(9, 2) NOT NULL,
    status        VARCHAR NOT NULL,
    status_date   DATE NOT NULL,
    source        VARCHAR,
    load_id       BIGINT NOT NULL
);
