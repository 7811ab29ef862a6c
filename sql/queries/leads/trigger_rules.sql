SELECT name, definition, installed_at FROM store.trigger_rules ORDER BY name;
