DELETE FROM store.bonus_schemes WHERE name = $scheme;
