-- Per person and day (Europe/Amsterdam) before $as_of: the unsent messages held for a daily
-- digest, in order; one digest each.
SELECT o.to_person_id, CAST(timezone('Europe/Amsterdam', o.created_at) AS DATE) AS day,
       list(o.message_id ORDER BY o.message_id) AS message_ids,
       list(o.subject ORDER BY o.message_id) AS subjects,
       list(o.body ORDER BY o.message_id) AS bodies,
       any_value(o.to_address) AS to_address, any_value(o.language) AS language
FROM store.outbox o
JOIN main.outbox_modes m USING (message_id)
WHERE m.mode = 'daily' AND o.sent_at IS NULL AND o.digested_into IS NULL
  AND o.suppressed_at IS NULL AND o.to_address IS DISTINCT FROM '***'
  AND CAST(timezone('Europe/Amsterdam', o.created_at) AS DATE) < CAST($as_of AS DATE)
GROUP BY 1, 2
ORDER BY 1, 2;
