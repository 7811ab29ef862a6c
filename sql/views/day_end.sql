-- Macro: the end of calendar day `d` in Europe/Amsterdam (the start of the next day) as a
-- TIMESTAMPTZ: "as of D" compares times against it instead of casting every row to a date.
CREATE OR REPLACE MACRO main.day_end(d) AS
    timezone('Europe/Amsterdam', CAST(CAST(d AS DATE) + INTERVAL 1 DAY AS TIMESTAMP));
