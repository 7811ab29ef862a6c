-- phase_overview: leads per phase group and phase as of the date, every phase of the active
-- lead pipeline listed (0 when empty), in group and phase order; with a grouping the rows are
-- per value of that column (only values that have leads).
WITH phases_active AS (
    SELECT * FROM phases
    WHERE entity = 'lead'
      AND pipeline = (SELECT value FROM store.settings WHERE key = 'phase_pipeline')
), pop AS (
    SELECT lead_id, phase, by_value FROM lead_phases_as_of($scope_kind, $scope_id, $as_of, $by)
), grid AS (
    SELECT g.by_value, p.*
    FROM (SELECT DISTINCT by_value FROM pop UNION SELECT NULL WHERE $by = '') g
    CROSS JOIN phases_active p
)
SELECT grid.by_value, grid.phase_group, grid.group_label_en, grid.group_label_nl,
       grid.code AS phase, grid.label_en AS label, grid.label_nl, grid.color,
       count(pop.lead_id) AS leads
FROM grid
LEFT JOIN pop ON pop.phase = grid.code AND pop.by_value IS NOT DISTINCT FROM grid.by_value
GROUP BY grid.by_value, grid.phase_group, grid.group_label_en, grid.group_label_nl, grid.code,
         grid.label_en, grid.label_nl, grid.color, grid.group_position, grid.position
ORDER BY (grid.by_value IS NULL OR grid.by_value = ''), grid.by_value, grid.group_position,
         grid.position;
