-- phase_overview: leads per phase group and phase as of the date, every phase of the active
-- lead pipeline listed (0 when empty), in group and phase order; with a grouping the rows are
-- per value of that column (only values that have leads).
WITH phases_active AS (
    SELECT * FROM phases
    WHERE entity = 'lead'
      AND pipeline = (SELECT value FROM store.settings WHERE key = 'phase_pipeline')
), counts AS (
    SELECT by_value, phase, count(*) AS leads
    FROM lead_phases_as_of($scope_kind, $scope_id, $as_of, $by)
    GROUP BY ALL
), grid AS (
    SELECT g.by_value, p.*
    FROM (SELECT DISTINCT by_value FROM counts UNION SELECT NULL WHERE $by = '') g
    CROSS JOIN phases_active p
)
SELECT grid.by_value, grid.phase_group, grid.group_label_en, grid.group_label_nl,
       grid.code AS phase, grid.label_en AS label, grid.label_nl, grid.color,
       coalesce(c.leads, 0) AS leads
FROM grid
LEFT JOIN counts c ON c.phase = grid.code AND c.by_value IS NOT DISTINCT FROM grid.by_value
ORDER BY (grid.by_value IS NULL OR grid.by_value = ''), grid.by_value, grid.group_position,
         grid.position;
