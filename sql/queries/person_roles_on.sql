-- The roles a person holds on $on: their own (if active) and those delegated to them that day.
-- Used by leadanalytics/bonuses/roles.py until leadanalytics/access.py is on main.
SELECT p.person_id, p.active, p.role AS own_roles,
       list(DISTINCT coalesce(nullif(d.role, ''), dp.role)) FILTER (WHERE d.delegator_id IS NOT NULL)
           AS delegated_roles
FROM store.people p
LEFT JOIN store.delegations d
       ON d.delegate_id = p.person_id AND CAST($on AS DATE) BETWEEN d.start_date AND d.end_date
LEFT JOIN store.people dp ON dp.person_id = d.delegator_id
WHERE p.person_id = $person_id
GROUP BY p.person_id, p.active, p.role;
