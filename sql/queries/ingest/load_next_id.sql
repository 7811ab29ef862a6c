SELECT nextval('store.load_ids') AS load_id;
