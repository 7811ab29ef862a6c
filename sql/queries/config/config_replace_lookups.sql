DELETE FROM store.lookups;
