-- Migration 14: store.timesheet_hour_corrections keeps the superseded revisions of every status,
-- not only invoiced ones, each with its status, so that the hours of any status known at a date
-- are a filtered sum (additions on status_date plus these corrections) instead of a window over
-- every timesheet line (timesheet_lines_known_at). bonus_hour_corrections keeps the invoiced ones.
ALTER TABLE store.timesheet_hour_corrections ADD COLUMN status VARCHAR DEFAULT 'invoiced';

-- Recomputed with every status before this transaction commits (hour_corrections.refresh_if_stale:
-- no recorded row count means stale).
DELETE FROM store.timesheet_hour_corrections_state;
