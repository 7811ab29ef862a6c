"""Storing bonus schemes in the warehouse, and keeping a scheme that bonuses used frozen.

The scheme file is the complete set: a scheme in the file is added or (if unused) replaced, a
stored scheme missing from the file is removed (if unused). A scheme is in use once a lead under
it reached the won phase or a batch item names it; then only an open-ended scheme may be given a
``valid_to`` after which no won lead was submitted. Anything else is refused, naming the scheme.
"""

from __future__ import annotations

import json
from pathlib import Path

from leadanalytics import clock
from leadanalytics.config.bonus_schemes import BonusScheme, load_bonus_schemes
from leadanalytics.db.warehouse import Transaction, Warehouse
from leadanalytics.exceptions import SchemeFrozen


def install_bonus_schemes(warehouse: Warehouse, path: str | Path | None = None) -> list[str]:
    """Validate a scheme file and store its schemes in one transaction; return their names.

    ``path`` ``None`` installs the shipped *sample* (demos and tests only).

    Examples:
        >>> import leadanalytics as la, tempfile, os
        >>> w = la.connect(os.path.join(tempfile.mkdtemp(), "s.duckdb"), create=True)
        >>> install_bonus_schemes(w)
        ['sample-2026']
    """
    schemes = load_bonus_schemes(path)
    source = str(path) if path is not None else "(shipped sample)"
    with warehouse.transaction() as tx:
        write_bonus_schemes(tx, schemes, source)
    return [s.name for s in schemes]


def write_bonus_schemes(tx: Transaction, schemes: tuple[BonusScheme, ...], source: str) -> None:
    """Replace the stored schemes by ``schemes``, refusing any change to a frozen scheme."""
    stored = {
        name: (json.loads(definition), won, last_submitted, items)
        for name, definition, won, last_submitted, items in tx.fetchall(
            "queries/bonuses/bonus_schemes_stored"
        )
    }
    incoming = {s.name: s for s in schemes}
    for name, (old, won, last_submitted, items) in stored.items():
        in_use = won > 0 or items > 0
        new = incoming.get(name)
        if new is None:
            if in_use:
                raise SchemeFrozen(name, f"{won} won lead(s) and {items} batch item(s) use it, so "
                                   "it cannot be removed from the scheme file")
            continue
        new_def = json.loads(new.definition())
        if new_def == old or not in_use:
            continue
        only_end = {k: v for k, v in new_def.items() if k != "valid_to"} == {
            k: v for k, v in old.items() if k != "valid_to"
        }
        if only_end and old.get("valid_to") is None and new.valid_to is not None:
            if last_submitted is None or last_submitted <= new.valid_to:
                continue
            raise SchemeFrozen(name, f"valid_to {new.valid_to} would drop won leads submitted up "
                               f"to {last_submitted}")
        changed = sorted(k for k in set(new_def) | set(old) if new_def.get(k) != old.get(k))
        raise SchemeFrozen(name, f"{won} won lead(s) use it; the file changes {', '.join(changed)}")
    for name in stored:
        tx.run("queries/bonuses/bonus_scheme_delete", scheme=name)
        tx.run("queries/bonuses/bonus_scheme_delete_row", scheme=name)
    for s in schemes:
        ext, perm = s.hours_extension, s.permanent_role
        tx.run(
            "queries/bonuses/bonus_scheme_insert", scheme=s.name, valid_from=s.valid_from,
            valid_to=s.valid_to, threshold_hours=s.threshold_hours,
            default_amount_eur=s.default_amount_eur, payout_day=s.payout_day,
            payout_lag_months=s.payout_lag_months,
            ext_threshold_hours=ext.threshold_hours if ext else None,
            ext_amount_eur=ext.amount_eur if ext else None,
            perm_trigger=perm.trigger if perm else None,
            perm_threshold_hours=perm.threshold_hours if perm else None,
            perm_amount_eur=perm.amount_eur if perm else None,
            definition=s.definition(), source_file=source, now=clock.now(),
        )
        for unit, amount in s.amount_by_business_unit.items():
            tx.run("queries/bonuses/bonus_scheme_amount_insert", scheme=s.name, business_unit=unit,
                   amount_eur=amount)
