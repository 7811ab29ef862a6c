-- Migration 6: assignment details from the vendor-management platform (assignments.csv).
CREATE TABLE store.assignments (
    assignment_id    VARCHAR PRIMARY KEY,
    start_date       DATE NOT NULL,
    end_date         DATE,
    contact_name     VARCHAR,
    contact_email    VARCHAR,
    contact_language VARCHAR NOT NULL DEFAULT 'nl',
    load_id          BIGINT
);
