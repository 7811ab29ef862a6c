-- Rows in one view, named by $view.
SELECT count(*) FROM query_table($view)
