CREATE OR REPLACE VIEW main.notification_preferences AS
SELECT person_id, kind, mode, updated_at FROM store.notification_preferences;
