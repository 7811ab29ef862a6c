INSERT INTO store.bonus_notices (lead_id, last_kind, notices, noticed_on)
VALUES ($lead_id, $kind, $notices, $on)
ON CONFLICT (lead_id) DO UPDATE SET last_kind = excluded.last_kind, notices = excluded.notices,
                                    noticed_on = excluded.noticed_on;
