-- Scalar macro: a boolean as input files write it (true/false, 1/0, yes/no, ja/nee), any case.
-- Empty text and unknown words give NULL: `v IS NOT NULL AND parse_bool(v) IS NULL` is bad input.
CREATE OR REPLACE MACRO main.parse_bool(v) AS
CASE lower(trim(v))
    WHEN 'true' THEN true WHEN '1' THEN true WHEN 'yes' THEN true WHEN 'ja' THEN true
    WHEN 'false' THEN false WHEN '0' THEN false WHEN 'no' THEN false WHEN 'nee' THEN false
END;
