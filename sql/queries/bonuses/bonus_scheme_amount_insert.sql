INSERT INTO store.bonus_scheme_amounts (scheme, business_unit, amount_eur)
VALUES ($scheme, $business_unit, $amount_eur);
