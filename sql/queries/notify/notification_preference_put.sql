INSERT INTO store.notification_preferences VALUES ($person_id, $kind, $mode, $at)
ON CONFLICT (person_id, kind) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at;
