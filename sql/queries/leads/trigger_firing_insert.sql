INSERT INTO store.trigger_firings VALUES ($rule, $occurrence_key, $lead_id, $occurred_at, $fired_at, $outcome, $detail);
