-- A request none of whose weeks is still `requested` is settled: `fulfilled` (with the load
-- that completed it and the time of that load) when any week was received, else `cancelled`.
-- $load_id is the load being written (NULL outside an ingest: the last load that brought one).
UPDATE store.timesheet_requests r
SET status = CASE WHEN s.received THEN 'fulfilled' ELSE 'cancelled' END,
    fulfilled_load_id = CASE WHEN s.received THEN coalesce(CAST($load_id AS BIGINT), s.last_load) END,
    fulfilled_at = CASE WHEN s.received THEN coalesce(
        (SELECT l.finished_at FROM store.loads l
         WHERE l.load_id = coalesce(CAST($load_id AS BIGINT), s.last_load)),
        CAST($now AS TIMESTAMPTZ)) END
FROM (
    SELECT request_id,
           bool_or(week_status = 'received') AS received,
           max(received_load_id) AS last_load
    FROM store.timesheet_request_weeks
    GROUP BY request_id
    HAVING NOT bool_or(week_status = 'requested')
) s
WHERE r.request_id = s.request_id AND r.status IN ('concept', 'open', 'overdue');
