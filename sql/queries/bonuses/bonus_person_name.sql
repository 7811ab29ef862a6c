-- A person's name as it is now (anonymised: ***), for the text of a notice.
SELECT name FROM store.people WHERE person_id = $person_id;
