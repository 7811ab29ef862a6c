-- Scalar macro: the Monday (DATE) of an ISO week written `YYYY-Www` (`w` may be lower case),
-- NULL when the text is not such a week or the year has no such week (2026-W54).
CREATE OR REPLACE MACRO main.iso_week_monday(w) AS (
    CASE WHEN regexp_full_match(w, '[0-9]{4}-[Ww][0-9]{2}') THEN (
        CASE WHEN isoyear(CAST(make_date(CAST(substr(w, 1, 4) AS INTEGER), 1, 4)
                    + CAST(7 * (CAST(substr(w, 7, 2) AS INTEGER) - 1)
                           - (isodow(make_date(CAST(substr(w, 1, 4) AS INTEGER), 1, 4)) - 1)
                           AS INTEGER) AS DATE)) = CAST(substr(w, 1, 4) AS INTEGER)
              AND CAST(substr(w, 7, 2) AS INTEGER) BETWEEN 1 AND 53
             THEN CAST(make_date(CAST(substr(w, 1, 4) AS INTEGER), 1, 4)
                    + CAST(7 * (CAST(substr(w, 7, 2) AS INTEGER) - 1)
                           - (isodow(make_date(CAST(substr(w, 1, 4) AS INTEGER), 1, 4)) - 1)
                           AS INTEGER) AS DATE)
        END)
    END
);
