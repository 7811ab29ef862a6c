"""Labels beside codes and names beside ids in metric frames (reports.md "Frames an analyst can
use"): a column ``X`` in phase, phase_group, business_unit, source, reason, category, priority
gets ``X_label`` in the chosen language, a person id ``P_id`` gets ``P_name`` and ``branch_id``
``branch_name``, appended at the end of the frame.

Labels come from the configuration in the warehouse (the active lead pipeline's phases and
groups, the lookup tables), names from its people and branches; a code without a label keeps
the code as its label, an id without a name has none. One hash lookup per column in Arrow
(``index_in`` + ``take``), never a Python loop per row.

Examples:
    >>> import pyarrow as pa
    >>> t = with_labels(w, pa.table({"business_unit": ["interim_juristen"]}), "en")  # doctest: +SKIP
    >>> t.column("business_unit_label").to_pylist()                                 # doctest: +SKIP
    ['Interim lawyers']
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from leadanalytics.config.languages import LANGS, Lang, check_lang  # noqa: F401 (re-exported)
from leadanalytics.exceptions import UsageError

if TYPE_CHECKING:
    import pyarrow as pa

    from leadanalytics.db.warehouse import Warehouse

#: The languages of labels (and of every report).

#: A code column and (the kind of code in code_labels.sql, the label column added for it). A
#: funnel step is a phase.
LABELLED = {
    "phase": ("phase", "phase_label"),
    "step": ("phase", "phase_label"),
    "phase_group": ("phase_group", "phase_group_label"),
    "business_unit": ("business_unit", "business_unit_label"),
    "source": ("source", "source_label"),
    "reason": ("reason", "reason_label"),
    "category": ("category", "category_label"),
    "priority": ("priority", "priority_label"),
}

#: An id column and (whose name: person or branch, the name column added for it).
NAMED = {
    "submitter_id": ("person", "submitter_name"),
    "person_id": ("person", "person_name"),
    "approver_id": ("person", "approver_name"),
    "actor_id": ("person", "actor_name"),
    "employee_id": ("person", "employee_name"),
    "requester_id": ("person", "requester_name"),
    "branch_id": ("branch", "branch_name"),
}


def added_columns(columns: list[str]) -> list[tuple[str, str, str]]:
    """The label and name columns a frame with ``columns`` gets: ``(column, kind, new
    column)`` in the order of the columns, none that the frame already has.

    Examples:
        >>> added_columns(["step", "label", "leads"])
        [('step', 'phase', 'phase_label')]
        >>> added_columns(["lead_id", "submitter_id", "submitter_name", "branch_id"])
        [('branch_id', 'branch', 'branch_name')]
    """
    have = set(columns)
    added = []
    for column in columns:
        kind, new = LABELLED.get(column) or NAMED.get(column) or (None, None)
        if kind is not None and new not in have:
            have.add(new)
            added.append((column, kind, new))
    return added


def with_labels(
    w: Warehouse, table: pa.Table, lang: str, given: dict[str, pa.ChunkedArray] | None = None
) -> pa.Table:
    """``table`` with a label column for each code column and a name column for each person
    or branch id column (see the module), appended at the end in column order; ``given``
    holds label columns already found another way (by key), used as they are."""
    import pyarrow.compute as pc

    given = given or {}
    wanted = added_columns(table.column_names)
    if not wanted:
        return table
    found_already = [item for item in wanted if item[2] in given]
    wanted = [item for item in wanted if item[2] not in given]
    lookups = {}
    if any(column in LABELLED for column, _k, _n in wanted):
        lookups.update(_by_kind(w.arrow("queries/reporting/code_labels", lang=check_lang(lang)),
                                "kind", "code", "label"))
    if any(column in NAMED for column, _k, _n in wanted):
        lookups.update(_by_kind(w.arrow("queries/reporting/id_names"), "kind", "id", "name"))

    def look_up(item):
        column, kind, _new = item
        codes, texts = lookups.get(kind, (None, None))
        return _looked_up(table.column(column), codes, texts, column in LABELLED, pc)

    # one lookup per column, in threads: Arrow's hashing and take release the GIL
    found = dict(zip((new for _c, _k, new in found_already),
                     (given[new] for _c, _k, new in found_already), strict=True))
    if wanted:
        with ThreadPoolExecutor(max_workers=min(len(wanted), os.cpu_count() or 2)) as workers:
            found.update(zip((new for _c, _k, new in wanted), workers.map(look_up, wanted),
                             strict=True))
    for _column, _kind, new in added_columns(table.column_names):
        table = table.append_column(new, found[new])
    return table


def _by_kind(table: pa.Table, kind: str, code: str, text: str) -> dict:
    """The lookup table split by kind: ``{kind: (codes, texts)}`` as Arrow arrays."""
    import pyarrow.compute as pc

    kinds = table.column(kind)
    return {
        k: (table.column(code).filter(pc.equal(kinds, k)).combine_chunks(),
            table.column(text).filter(pc.equal(kinds, k)).combine_chunks())
        for k in pc.unique(kinds).to_pylist()
    }


def _looked_up(values, codes, texts, fallback: bool, pc):
    """The text of each value (one hash lookup over the column); with ``fallback`` a value
    without a text keeps the value itself."""
    import pyarrow as pa

    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        values = values.cast(pa.string())
    if codes is None:   # nothing of that kind in the warehouse
        return values if fallback else pa.chunked_array([pa.nulls(len(values), pa.string())])
    at = pc.index_in(values, value_set=codes.cast(values.type))
    found = pc.take(texts.cast(pa.string()), at)
    # a value not found (beyond the missing values themselves) keeps itself: rare, and the
    # whole-column coalesce costs twice the lookup, so only then
    if fallback and at.null_count > values.null_count:
        found = pc.coalesce(found, values.cast(pa.string()))
    return found


def phase_group_code(w: Warehouse, value: str) -> str:
    """The code of a phase group of the active lead pipeline given by its code or by its nl or
    en label, case-insensitive; anything else raises :class:`UsageError` naming the groups.

    Examples:
        >>> phase_group_code(w, "Actueel")  # doctest: +SKIP
        'actueel'
    """
    groups = w.rows("queries/reporting/active_phase_groups")
    wanted = str(value).strip().casefold()
    for code, label_nl, label_en, _position in groups:
        if wanted in {t.casefold() for t in (code, label_nl, label_en) if t}:
            return code
    raise UsageError(
        "phase_group", value, [f"{code} ({nl} / {en})" for code, nl, en, _p in groups]
    )
