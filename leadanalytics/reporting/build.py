"""``build_report``: run a report notebook for one scope, date and language on a snapshot of the
warehouse, and write the HTML page, the executed notebook, the CSVs the notebook wrote, a JSON
manifest, on request a PDF (headless Chromium), and the folder's ``index.html``.

The warehouse is held only while its file is copied (a read-only connection keeps writers out
for that moment), so the build reads one consistent state and a long notebook never holds the
nightly ingest. The files written are recorded in ``store.written_files`` with everyone the
report can mention (the people and lead contacts of its scope), so that anonymising one of them
removes them (domain.md, "Privacy").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any

from leadanalytics import clock
from leadanalytics.access.scopes import resolve_scope, scope_in_words
from leadanalytics.config.report_schedule import REPORTS
from leadanalytics.db.warehouse import Transaction, Warehouse
from leadanalytics.exceptions import NotFound
from leadanalytics.outputs import ensure_folder, write_bytes, write_text
from leadanalytics.reporting.html import check_lang

SNAPSHOT_NAME = "warehouse.duckdb"
#: The report kernel keeps its log to itself: its start-up warning (a local kernel "running over
#: TCP without encryption") and its shutdown note filled the command line's output; a failing
#: cell still fails the build (papermill raises with the cell's error).
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]
INDEX_NAME = "index.html"

#: Each report's title as a reader sees it (page title, PDF footer, index.html, e-mail subject);
#: the presentation layer's words (``present.TEXTS["<key>.title"]``) win where they exist.
TITLES = {
    "phase_group_dashboard": {"nl": "Fasegroepen", "en": "Phase groups"},
    "lead_conversion": {"nl": "Leadconversie", "en": "Lead conversion"},
    "bonus_payouts": {"nl": "Bonusuitbetalingen", "en": "Bonus payouts"},
    "data_quality": {"nl": "Datakwaliteit", "en": "Data quality"},
}
_TITLE_KEYS = {"phase_group_dashboard": "dashboard", "lead_conversion": "conversion",
               "bonus_payouts": "bonus", "data_quality": "quality"}
_WHOLE = {"nl": "hele organisatie", "en": "whole organisation"}
_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def notebook_path(name: str) -> Path:
    """The shipped notebook of a report (``notebooks/NAME.ipynb``)."""
    if name not in REPORTS:
        raise NotFound("report", f"{name} (known: {', '.join(REPORTS)})")
    here = Path(__file__).resolve().parents[2] / "notebooks" / f"{name}.ipynb"
    if here.exists():
        return here
    packaged = resources.files("leadanalytics.notebooks") / f"{name}.ipynb"  # from a wheel
    return Path(str(packaged))


def snapshot(warehouse: Warehouse, into: Path) -> Path:
    """Copy the warehouse file (and its WAL, if any) while holding a read-only connection."""
    target = into / SNAPSHOT_NAME
    with warehouse.reader():
        shutil.copyfile(warehouse.path, target)
        wal = Path(f"{warehouse.path}.wal")
        if wal.exists():
            shutil.copyfile(wal, Path(f"{target}.wal"))
    return target


def _hash_data(snap: Path, extra: dict[str, Any]) -> str:
    """A fingerprint of the data in a snapshot: each table's row count and the sum of its rows'
    hashes (row order aside), the record of written files left out: every build adds its own
    files to it, and the same data must give the same fingerprint."""
    h = hashlib.sha256(json.dumps(extra, sort_keys=True).encode())
    with Warehouse(snap).reader() as con:
        tx = Transaction(con)
        for schema, table in tx.fetchall("queries/reporting/snapshot_tables"):
            n, total = tx.fetchone("queries/reporting/snapshot_table_fingerprint",
                                   table=f"{schema}.{table}")
            h.update(f"{schema}.{table}:{n}:{total}\n".encode())
    return h.hexdigest()


def _strip_timing(nb) -> None:
    """Remove what differs between two runs of the same notebook (times, temporary paths, and
    stream output to stderr: warnings, which the kernel splits between cells as it likes)."""
    pm = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "input_path", "output_path"):
        pm.pop(key, None)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"   # papermill gives it a random id
        cell.metadata.pop("execution", None)
        cell.metadata.get("papermill", {}).clear()
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]


def title_of(name: str, lang: str = "nl") -> str:
    """A report's title in ``lang`` (its name when it has none).

    Examples:
        >>> title_of("data_quality", "nl"), title_of("data_quality", "en")
        ('Datakwaliteit', 'Data quality')
    """
    from leadanalytics.reporting import present

    lang = check_lang(lang)
    words = getattr(present, "TEXTS", {}).get(f"{_TITLE_KEYS.get(name, name)}.title")
    if words and lang in words:
        return words[lang]
    return TITLES.get(name, {}).get(lang, name)


def scope_words(scope_name: str | None, lang: str = "nl") -> str:
    """The scope as a reader says it: the branch's or person's name, or the whole organisation.

    Examples:
        >>> scope_words(None, "en"), scope_words("Regio Noord", "nl")
        ('whole organisation', 'Regio Noord')
    """
    return scope_name if scope_name else _WHOLE[check_lang(lang)]


def day_words(day: dt.date | str, lang: str = "nl") -> str:
    """A day as the language writes it.

    Examples:
        >>> day_words("2026-03-31", "nl"), day_words("2026-03-31", "en")
        ('31 maart 2026', '31 March 2026')
    """
    from babel.dates import format_date

    day = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return format_date(day, "d MMMM y", locale=_LOCALES[check_lang(lang)])


def moment_words(moment: dt.datetime | str, lang: str = "nl") -> str:
    """A moment in Europe/Amsterdam as the language writes it.

    Examples:
        >>> moment_words("2026-03-31T05:00:00+00:00", "nl")
        '31 maart 2026 07:00'
    """
    from zoneinfo import ZoneInfo

    from babel.dates import format_datetime

    moment = dt.datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    local = moment.astimezone(ZoneInfo("Europe/Amsterdam"))
    return format_datetime(local, "d MMMM y HH:mm", tzinfo=local.tzinfo,
                           locale=_LOCALES[check_lang(lang)])


CHROMIUM_ENV = "LEADANALYTICS_CHROMIUM"
_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium() -> str:
    """The headless browser that prints PDFs: ``$LEADANALYTICS_CHROMIUM``, else the first of
    chromium, chromium-browser, google-chrome on the PATH.

    Raises:
        NotFound: none is installed.
    """
    found = os.environ.get(CHROMIUM_ENV) or next(
        (p for p in map(shutil.which, _CHROMIUMS) if p), None)
    if not found:
        raise NotFound("program", "chromium, to print the PDF (apt-get install chromium, or set "
                                  f"{CHROMIUM_ENV})")
    return found


def print_pdf(html_file: Path, pdf_file: Path, wait_ms: int = 20000) -> Path:
    """Print a built report page to PDF with headless Chromium, network off, after its scripts
    ran (the charts render within ``wait_ms`` of virtual time). A4 and the page numbers come
    from the page's print CSS (``html.page_style``).

    Raises:
        RuntimeError: Chromium wrote no PDF (its last output lines are in the message).

    Examples:
        >>> print_pdf(Path("out/data_quality.html"), Path("out/data_quality.pdf"))  # doctest: +SKIP
    """
    with tempfile.TemporaryDirectory(prefix="leadanalytics-pdf-") as tmp:
        target = Path(tmp) / "page.pdf"
        cmd = [
            chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
            f"--user-data-dir={Path(tmp) / 'profile'}", f"--virtual-time-budget={wait_ms}",
            "--run-all-compositor-stages-before-draw", "--no-pdf-header-footer",
            f"--print-to-pdf={target}", Path(html_file).resolve().as_uri(),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
        if not target.exists() or target.stat().st_size == 0:
            tail = " | ".join(done.stderr.strip().splitlines()[-3:])
            raise RuntimeError(f"Chromium printed no PDF of {Path(html_file).name}: {tail}")
        return write_bytes(target.read_bytes(), pdf_file)


def write_index(out: str | Path, lang: str | None = None) -> Path:
    """(Re)write ``index.html`` in a report folder from the manifests in it: one row per report
    (title, scope in words, as-of, built at, links to HTML, PDF and CSVs), in ``lang`` (by
    default the language of the latest build in the folder, else nl). Anonymising writes it
    again when it removed a report from the folder.

    Examples:
        >>> write_index("out/", "en")  # doctest: +SKIP
        PosixPath('out/index.html')
    """
    from leadanalytics.reporting.html import index_html

    out = Path(out)
    entries, manifests = [], []
    for path in sorted(out.glob("*.manifest.json")):
        try:
            m = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue                                  # not ours, or half-written: left out
        if not isinstance(m, dict) or "report" not in m:
            continue
        manifests.append(m)
    if lang is None:
        latest = max(manifests, key=lambda m: str(m.get("built_at", "")), default={})
        lang = latest.get("lang") if latest.get("lang") in ("nl", "en") else "nl"
    for m in manifests:
        entries.append({
            "title": title_of(m["report"], lang),
            "scope": scope_words(m.get("scope_name"), lang),
            "as_of": day_words(m["data_as_of"], lang),
            "built_at": moment_words(m["built_at"], lang),
            "files": [f for f in m.get("files", []) if (out / f).exists()],
        })
    return write_text(index_html(entries, lang), out / INDEX_NAME)


def build_report(
    warehouse: Warehouse,
    name: str,
    as_of: dt.date | str | None,
    scope: str = "all",
    out: str | Path = ".",
    as_person: str | None = None,
    show_code: bool = False,
    run_id: int | None = None,
    lang: str = "nl",
    pdf: bool = False,
) -> dict[str, Any]:
    """Build one report; return its manifest (also written as ``NAME.manifest.json``).

    Writes ``NAME.html`` (self-contained), ``NAME.ipynb`` (executed), every CSV the notebook
    wrote in its working folder (the full rows of its tables), the manifest, with ``pdf`` also
    ``NAME.pdf``, into ``out``, then rewrites ``out/index.html``. ``lang`` (``nl`` or ``en``)
    is passed to the notebook as its parameter ``lang``. Same data and parameters give the same
    HTML and notebook, timing fields of the manifest aside. The files are recorded with whom
    the report can mention, and with ``run_id`` (the scheduled run that built them, if any).

    Raises:
        UsageError: ``lang`` is not nl or en. NotFound: an unknown report (or, with ``pdf``,
        no Chromium).

    Examples:
        >>> build_report(w, "phase_group_dashboard", "2026-03-31", "branch:NORTH", "out",
        ...              lang="en", pdf=True)  # doctest: +SKIP
    """
    import nbformat
    import papermill

    from leadanalytics.reporting.html import notebook_to_html

    started = time.monotonic()
    lang = check_lang(lang)
    built_at = clock.now().astimezone(dt.UTC).isoformat(timespec="seconds")
    day = clock.as_of_day(as_of)
    parsed = resolve_scope(warehouse, scope, as_person=as_person)
    source = notebook_path(name)
    if pdf:
        chromium()                                    # fail before the work, not after it
    out = ensure_folder(out)
    scope_name = None if parsed.kind == "all" else scope_in_words(warehouse, parsed, lang)
    parameters = {"db": SNAPSHOT_NAME, "as_of": day.isoformat(), "scope": str(parsed),
                  "lang": lang}
    with tempfile.TemporaryDirectory(prefix="leadanalytics-report-") as tmp:
        work = Path(tmp)
        snap = snapshot(warehouse, work)
        input_hash = _hash_data(snap, {"report": name, **parameters})
        executed = work / f"{name}.ipynb"
        papermill.execute_notebook(
            str(source), str(executed), parameters=parameters, cwd=str(work),
            progress_bar=False, log_output=False, kernel_name="python3",
            extra_arguments=KERNEL_ARGUMENTS,
        )
        leads_in_scope = int(Warehouse(snap).rows(
            "queries/reporting/leads_in_scope_count", as_of=day, **parsed.params())[0][0])
        nb = nbformat.read(str(executed), as_version=4)
        csvs = [p.name for p in sorted(work.glob("*.csv"))]
        for csv_name in csvs:                         # the full rows, beside the page
            write_bytes((work / csv_name).read_bytes(), out / csv_name)
        hide = [str(work), os.path.realpath(work), str(out.resolve()), str(out)]
    _strip_timing(nb)
    title = f"{title_of(name, lang)} · {scope_words(scope_name, lang)} · {day_words(day, lang)}"
    page, counts = notebook_to_html(nb, title, show_code=show_code, lang=lang, hide=hide)
    write_text(page, out / f"{name}.html")
    notebook = nbformat.writes(nb)
    write_text(notebook if notebook.endswith("\n") else notebook + "\n", out / f"{name}.ipynb")
    files = [f"{name}.html", f"{name}.ipynb", *csvs]
    if pdf:
        print_pdf(out / f"{name}.html", out / f"{name}.pdf")
        files.insert(1, f"{name}.pdf")
    manifest = {
        "report": name,
        "title": title_of(name, lang),
        "lang": lang,
        "parameters": {"as_of": day.isoformat(), "scope": str(parsed), "lang": lang},
        "scope_name": scope_name,
        "data_as_of": day.isoformat(),
        "row_counts": {"leads_in_scope": leads_in_scope, **counts},
        "input_hash": input_hash,
        "files": files,
        "built_at": built_at,
        "duration_s": round(time.monotonic() - started, 3),
    }
    write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
               out / f"{name}.manifest.json")
    paths = [os.path.realpath(out / f) for f in (*manifest["files"], f"{name}.manifest.json")]
    with warehouse.transaction() as tx:
        tx.run("queries/reporting/report_files_record", paths=paths, at=clock.now(), ref=name,
               run_id=run_id, **parsed.params())
    write_index(out, lang)
    return manifest
