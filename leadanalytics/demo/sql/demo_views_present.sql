-- Names of the views in the main schema (the documented interface).
SELECT table_name FROM information_schema.tables
WHERE table_schema = 'main' AND table_type = 'VIEW'
ORDER BY table_name
