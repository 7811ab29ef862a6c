-- The day of the latest data (reports.md "Decided details"): the Europe/Amsterdam day of the
-- latest load that was not refused; with no such load, the latest day a lead entered a phase.
-- NULL in an empty warehouse.
SELECT coalesce(
    (SELECT max(CAST(timezone('Europe/Amsterdam', started_at) AS DATE))
     FROM store.loads WHERE status <> 'refused'),
    (SELECT max(entered_on) FROM store.lead_phase_spans)) AS day;
