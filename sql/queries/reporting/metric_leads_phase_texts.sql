-- The texts of each phase of the active lead pipeline, row i for phase_key i (metric_leads).
SELECT phase_group, phase, label_en AS label, label_nl
FROM active_lead_phases
ORDER BY phase_key;
