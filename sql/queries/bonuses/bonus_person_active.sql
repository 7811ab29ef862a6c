SELECT active FROM store.people WHERE person_id = $person_id;
