SELECT name, email, anonymized_at FROM store.people WHERE person_id = $person_id;
