-- Record the bonus notices just queued ($lead_ids, $kinds, $notices pairwise): per lead the
-- last kind announced, how many so far, and on which day.
INSERT INTO store.bonus_notices (lead_id, last_kind, notices, noticed_on)
SELECT unnest(CAST($lead_ids AS VARCHAR[])), unnest(CAST($kinds AS VARCHAR[])),
       unnest(CAST($notices AS INTEGER[])), CAST($on AS DATE)
ON CONFLICT (lead_id) DO UPDATE SET last_kind = excluded.last_kind, notices = excluded.notices,
                                    noticed_on = excluded.noticed_on;
