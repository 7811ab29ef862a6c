INSERT INTO store.lookups VALUES ($lookup, $code, $position, $label_nl, $label_en);
