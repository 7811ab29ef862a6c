INSERT INTO store.opportunities (opportunity_id, lead_id, pipeline, created_at)
VALUES ($opportunity_id, $lead_id, $pipeline, $created_at);
