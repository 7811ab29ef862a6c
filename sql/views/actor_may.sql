-- Scalar macro: may an actor holding `held` roles (see acting_roles) use a verb open to `actors`?
-- An actor name is a role, or 'submitter': the record's own submitter, who must hold employee,
-- regional_director or admin there (domain.md, "Who may do what").
CREATE OR REPLACE MACRO main.actor_may(actors, actor_id, submitter_id, held) AS (
    list_has_any(actors, held)
    OR (list_contains(actors, 'submitter') AND actor_id = submitter_id
        AND list_has_any(held, ['employee', 'regional_director', 'admin']))
);
