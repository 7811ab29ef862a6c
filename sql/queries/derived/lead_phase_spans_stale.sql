-- Whether some lead has an event newer (event_id) than the newest lead phase span.
SELECT EXISTS (
    SELECT 1 FROM store.phase_events e
    WHERE e.entity = 'lead'
      AND e.event_id > (SELECT coalesce(max(s.event_id), -1) FROM store.lead_phase_spans s)
)
