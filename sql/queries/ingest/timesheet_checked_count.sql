SELECT count(*) AS rows_read FROM ts_checked;
