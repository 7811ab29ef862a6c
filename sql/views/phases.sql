-- The phase model of the active configuration, for charts and reports.
CREATE OR REPLACE VIEW main.phases AS
SELECT p.pipeline, p.entity, p.code, p.position, p.phase_group, g.position AS group_position,
       p.active, p.is_default, p.is_end, p.is_default_end, p.outcome, p.requires_reason,
       p.requires_assignment_id, p.color, p.label_nl, p.label_en,
       g.label_nl AS group_label_nl, g.label_en AS group_label_en
FROM store.phases p
JOIN store.phase_groups g USING (pipeline, entity)
WHERE g.code = p.phase_group;
