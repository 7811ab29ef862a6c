"""Who may do what (roles, scopes) and privacy; the personal data is declared in personal_data.toml."""

#: What anonymising writes in place of a name or an e-mail address (access/privacy.py).
ANONYMOUS = "***"
