"""SQL shipped with leadanalytics: schema migrations, views and queries, loaded by name."""
