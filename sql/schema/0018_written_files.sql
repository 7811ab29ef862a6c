-- Migration 18: every file the package writes that may hold personal data (e-mails written as
-- files, built reports, exported statements, lists written with --out), recorded when written
-- with whom it mentions (domain.md, "Privacy"), so that anonymising can remove or rewrite it.
-- A file written again to the same path replaces its record. Files with no record are the
-- user's own. A scheduled report run whose files were removed gets report_runs.status
-- 'removed' (`report approve` refuses it).
CREATE TABLE store.written_files (
    path           VARCHAR PRIMARY KEY,   -- absolute real path
    kind           VARCHAR NOT NULL,      -- email | report | statement | list
    written_at     TIMESTAMPTZ NOT NULL,
    person_ids     VARCHAR[] NOT NULL,    -- the people it mentions (ids)
    contact_emails VARCHAR[] NOT NULL,    -- the client contacts it mentions (lower-case addresses)
    ref            VARCHAR,               -- batch id, message id, report name or command
    run_id         BIGINT                 -- the scheduled report run it belongs to (report_runs)
);

-- What an anonymisation did with the written files: removed, rewritten, kept (a list: the
-- user's), or gone (already removed by someone else).
ALTER TABLE store.privacy_log ADD COLUMN files STRUCT(path VARCHAR, kind VARCHAR, action VARCHAR)[]
    DEFAULT [];
