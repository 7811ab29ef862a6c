-- The submitter of a bonus, told when finance decides a clawback or reinstatement: name and
-- address as they are now (none, or ***, means no e-mail).
SELECT person_id, name, email FROM store.people WHERE person_id = $person_id;
