-- report_header_freshness: the latest load (its file and when it finished, or started when it
-- never finished), for the freshness line of a report's header.
SELECT source_file, coalesce(finished_at, started_at) AS loaded_at
FROM store.loads
ORDER BY coalesce(finished_at, started_at) DESC, load_id DESC
LIMIT 1;
