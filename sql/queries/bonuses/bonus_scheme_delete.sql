-- Remove one stored scheme and its business-unit amounts (a scheme no bonus has used).
DELETE FROM store.bonus_scheme_amounts WHERE scheme = $scheme;
