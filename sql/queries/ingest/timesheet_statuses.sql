-- ts_statuses: the contract's statuses in the order of the suite; ts_checked_rows keeps a
-- valid status as its position in this list (see timesheet_checked_view).
CREATE OR REPLACE TEMP TABLE ts_statuses AS SELECT CAST($statuses AS VARCHAR[]) AS statuses;
