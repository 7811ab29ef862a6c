-- A rule keeps its installed_at while its definition is unchanged; a changed rule starts anew.
INSERT INTO store.trigger_rules VALUES ($rule_name, $definition, $installed_at)
ON CONFLICT (name) DO UPDATE
SET installed_at = CASE WHEN store.trigger_rules.definition = excluded.definition
                        THEN store.trigger_rules.installed_at ELSE excluded.installed_at END,
    definition = excluded.definition;
