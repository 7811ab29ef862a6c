INSERT INTO store.bonus_schemes (name, valid_from, valid_to, threshold_hours, default_amount_eur,
                                 payout_day, payout_lag_months, ext_threshold_hours,
                                 ext_amount_eur, perm_trigger, perm_threshold_hours,
                                 perm_amount_eur, definition, source_file, loaded_at)
VALUES ($scheme, $valid_from, $valid_to, $threshold_hours, $default_amount_eur, $payout_day,
        $payout_lag_months, $ext_threshold_hours, $ext_amount_eur, $perm_trigger,
        $perm_threshold_hours, $perm_amount_eur, $definition, $source_file, $now);
