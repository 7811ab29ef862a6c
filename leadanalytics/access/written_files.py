"""Files the package wrote that may hold personal data (domain.md, "Privacy"): recording lists
written with ``--out``, and what anonymising does with every recorded file.

Each writer records its own files in ``store.written_files`` with whom they mention, in its own
room's SQL (``.eml`` files: notify, reports: reporting, statements: bonuses); lists are
recorded here. For the anonymiser this module finds the files that mention a subject, removes
e-mails and reports, has statements written again (by the writer it is given: statements belong
to the bonuses room, above this one) and notes lists, which stay the user's. A file the package
has no record of is never touched.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leadanalytics import clock
from leadanalytics.db.warehouse import Transaction, Warehouse
from leadanalytics.exceptions import LeadAnalyticsError

__all__ = ["FileAction", "IndexWriter", "StatementWriter", "WrittenFile", "erase_files", "files_of_contact",
           "files_of_person", "record_erasure", "record_list"]

#: Writes the statement of a batch (its id) to a path, as ``bonuses.export_statement`` does.
StatementWriter = Callable[[Warehouse, str, Path], Any]
#: Writes a report folder's ``index.html`` again from the manifests still in it.
IndexWriter = Callable[[Path], Any]
#: The listing of a report folder (``reporting.build.write_index``): it names each report's scope.
INDEX_NAME = "index.html"
MANIFESTS = "*.manifest.json"  # one per report in the folder; none left: the index goes too


@dataclass(frozen=True)
class WrittenFile:
    """A recorded file: its real path, kind (email, report, statement, list), ref and run."""

    path: str
    kind: str
    ref: str | None
    run_id: int | None


@dataclass(frozen=True)
class FileAction:
    """What anonymising did with one file: ``removed``, ``rewritten``, ``kept`` (a list, the
    user's), ``gone`` (no longer there) or ``not rewritten: <why>``."""

    path: str
    kind: str
    action: str


def record_list(w: Warehouse, path: str | Path, frame, ref: str | None = None) -> None:
    """Record a list written to ``path`` with the people of its ``*_id`` columns and the
    addresses of its ``contact_email`` columns (one value set per column, no row loop).

    Examples:
        >>> record_list(w, "bonuses.csv", frame, ref="bonuses list")   # doctest: +SKIP
    """
    ids = _values(frame, [c for c in frame.columns if str(c).endswith("_id")])
    emails = _values(frame, [c for c in frame.columns if str(c).endswith("contact_email")])
    with w.transaction() as tx:
        tx.run("queries/access/list_file_record", path=os.path.realpath(path), at=clock.now(),
               ids=ids, emails=emails, ref=ref)


def _values(frame, columns: list) -> list[str]:
    """The distinct non-missing values of some columns, as text."""
    found: set[str] = set()
    for c in columns:
        column = frame[c]
        if type(frame).__module__.split(".")[0] == "polars":
            found.update(str(v) for v in column.drop_nulls().unique().to_list())
        else:
            found.update(str(v) for v in column.dropna().unique())
    return sorted(found)


def _files(tx: Transaction, name: str, **params: Any) -> list[WrittenFile]:
    return [WrittenFile(*row) for row in tx.fetchall(name, **params)]


def files_of_person(tx: Transaction, person_id: str) -> list[WrittenFile]:
    """The recorded files that mention a person."""
    return _files(tx, "queries/access/written_files_of_person", person_id=person_id)


def files_of_contact(tx: Transaction, email: str) -> list[WrittenFile]:
    """The recorded files that mention a client's contact (address in lower case)."""
    return _files(tx, "queries/access/written_files_of_contact", email=email)


def erase_files(w: Warehouse, files: list[WrittenFile],
                rewrite_statement: StatementWriter | None,
                rewrite_index: IndexWriter | None = None) -> list[FileAction]:
    """Remove e-mails and reports, write statements again from the (now anonymised) warehouse,
    keep lists; a file already gone is noted. Runs after the anonymising transaction.

    A folder that lost a report also loses it from its ``index.html`` (which names each
    report's scope): the index is written again through ``rewrite_index``, or removed without it
    or when no report is left in the folder.
    """
    done = _erase(w, files, rewrite_statement)
    folders = sorted({Path(f.path).parent for f, a in zip(files, done, strict=True)
                      if f.kind == "report" and a.action == "removed"})
    for folder in folders:
        index = folder / INDEX_NAME
        if not index.is_file():
            continue
        if rewrite_index is not None and any(folder.glob(MANIFESTS)):
            try:
                rewrite_index(folder)
            except (LeadAnalyticsError, OSError) as exc:
                done.append(FileAction(str(index), "report", f"not rewritten: {exc}"))
            else:
                done.append(FileAction(str(index), "report", "rewritten"))
            continue
        try:
            index.unlink()
        except OSError as exc:
            done.append(FileAction(str(index), "report", f"not removed: {exc.strerror or exc}"))
        else:
            done.append(FileAction(str(index), "report", "removed"))
    return done


def _erase(w: Warehouse, files: list[WrittenFile],
           rewrite_statement: StatementWriter | None) -> list[FileAction]:
    done = []
    for f in files:
        path = Path(f.path)
        if not path.is_file():
            done.append(FileAction(f.path, f.kind, "gone"))
        elif f.kind in ("email", "report"):
            try:
                path.unlink()
            except FileNotFoundError:
                done.append(FileAction(f.path, f.kind, "gone"))
            except OSError as exc:
                done.append(FileAction(f.path, f.kind, f"not removed: {exc.strerror or exc}"))
            else:
                done.append(FileAction(f.path, f.kind, "removed"))
        elif f.kind == "statement":
            done.append(FileAction(f.path, f.kind, _rewrite(w, f, rewrite_statement)))
        else:
            done.append(FileAction(f.path, f.kind, "kept"))
    return done


def _rewrite(w: Warehouse, f: WrittenFile, rewrite_statement: StatementWriter | None) -> str:
    if rewrite_statement is None or f.ref is None:
        return "not rewritten: no statement writer given"
    try:
        rewrite_statement(w, f.ref, Path(f.path))
    except (LeadAnalyticsError, OSError) as exc:
        return f"not rewritten: {exc}"
    return "rewritten"


def record_erasure(w: Warehouse, kind: str, subject_key: str, at: dt.datetime,
                   files: list[WrittenFile], actions: list[FileAction]) -> None:
    """Note on the act's ``privacy_log`` row what was done with each file; forget the removed
    (and gone) e-mails and reports, and mark their scheduled report runs ``removed``."""
    erased = {a.path for a in actions if a.kind in ("email", "report")
              and a.action in ("removed", "gone")}
    runs = sorted({f.run_id for f in files if f.path in erased and f.run_id is not None})
    with w.transaction() as tx:
        tx.run("queries/access/privacy_log_files", kind=kind, subject_key=subject_key, at=at,
               paths=[a.path for a in actions], kinds=[a.kind for a in actions],
               actions=[a.action for a in actions])
        if erased:
            tx.run("queries/access/written_files_forget", paths=sorted(erased))
        if runs:
            tx.run("queries/access/report_runs_removed", run_ids=runs)
