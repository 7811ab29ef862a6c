-- Forget the records of files an anonymisation removed ($paths).
DELETE FROM store.written_files WHERE path IN (SELECT unnest(CAST($paths AS VARCHAR[])));
