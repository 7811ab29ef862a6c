"""Turning an executed notebook into one self-contained HTML page, and the index of a folder.

Vega, Vega-Lite and vega-embed are inlined (no CDN); each chart's spec sits in a
``<script type="application/json">`` element with ``<``, ``>`` and ``&`` escaped as JSON unicode
escapes, so text from the data (a lead titled ``</script><script>...``) cannot end the element.
Every other text from the data is HTML-escaped. Code cells are left out unless asked for.

Nothing internal reaches the page: stream output to stderr (warnings, the kernel's own notes) is
dropped, bare object reprs (``<Figure size 640x480 with 1 Axes>``) are dropped, and the folders
named in ``hide`` (the build's working folder, the output folder) are cut from every text, so a
file is named but never shown with its full path.

Print (the PDF) follows the CSS below: A4, "pagina X van Y" / "page X of Y" in the bottom margin
box, charts scaled to the page width (SVG, so sharp). The class names the presentation layer can
use (documented in the report of issue 23):

* ``la-screen-only``: shown in the browser, hidden in print (an interactive pager, a search box);
* ``la-print-only``: hidden in the browser, shown in print (a note "n more in NAME.csv");
* ``la-long``: a table whose print version shows its first ``PRINT_ROWS`` body rows only;
* itables/DataTables controls (``.dt-search``, ``.dt-paging``, ``.dt-info``, ``.dt-length``)
  and Vega's inputs (``.vega-bindings``) are hidden in print; a DataTable prints the rows of
  its first page; table cells wrap between words in print (8 pt), never inside one.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from leadanalytics.config.languages import LANGS, Lang, check_lang  # noqa: F401 (re-exported)

VEGALITE_MIME_PREFIX = "application/vnd.vegalite.v"
PRINT_ROWS = 25   # body rows of a ``la-long`` table in print
_PAGE_WORDS = {"nl": ("pagina", "van"), "en": ("page", "of")}
# an object's repr with nothing to read in it: <Figure size 640x480 with 1 Axes>, <... at 0x..>
_BARE_REPR = re.compile(r"^\s*<[^<>]*>\s*$", re.S)

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem;
       color: #222; line-height: 1.4; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0 1.5rem; max-width: 100%; }
th, td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top;
         overflow-wrap: break-word; }
pre { background: #f6f6f6; padding: 0.5rem; overflow-x: auto; white-space: pre-wrap; }
img { max-width: 100%; height: auto; }
.output { max-width: 100%; overflow-x: auto; }
.chart { margin: 1rem 0 2rem; max-width: 100%; overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; }
.la-print-only { display: none; }
@page {
  size: A4;
  margin: 15mm 12mm 18mm 12mm;
  @bottom-left { content: "@@FOOTER@@"; font: 8pt system-ui, sans-serif; color: #666; }
  @bottom-right { content: "@@PAGE@@ " counter(page) " @@OF@@ " counter(pages);
                  font: 8pt system-ui, sans-serif; color: #666; }
}
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 10pt; }
  .la-screen-only, .dt-search, .dt-paging, .dt-info, .dt-length, .dt-buttons,
  .dataTables_filter, .dataTables_paginate, .dataTables_info, .dataTables_length
    { display: none !important; }
  .la-print-only { display: block !important; }
  .vega-bindings, .vega-embed .vega-actions { display: none !important; }
  table { font-size: 8pt !important; }
  /* a DataTable keeps the column widths it measured on screen: let print lay it out again */
  table.dataTable { width: 100% !important; table-layout: auto !important; }
  table.dataTable col, table.dataTable th, table.dataTable td
    { width: auto !important; min-width: 0 !important; }
  .dt-column-order { display: none !important; }
  .la-table-wrap, .dt-container, .dt-layout-row, .dt-layout-cell { overflow: visible !important; }
  th, td { overflow-wrap: break-word !important; word-break: normal !important;
           padding: 0.1rem 0.3rem !important; }
  table.la-long tbody tr:nth-child(n+@@ROWS1@@) { display: none !important; }
  .output, .chart { overflow: visible; }
  .chart, figure, tr, img { break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; }
}
"""

PAGE = """<!DOCTYPE html>
<html lang="@@LANG@@">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; style-src 'unsafe-inline'; img-src data:; font-src data:">
<title>@@TITLE@@</title>
<style>@@STYLE@@</style>
<script>
window.__chartErrors = [];
window.addEventListener("error", function (e) { window.__chartErrors.push(String(e.message)); });
</script>
<script>
@@VEGA@@
</script>
</head>
<body>
@@BODY@@
<script>
(function () {
  var nodes = document.querySelectorAll("div.chart");
  var done = 0;
  function finish() {
    done += 1;
    if (done === nodes.length) {
      document.body.setAttribute("data-charts-rendered", String(nodes.length - window.__chartErrors.length));
      document.body.setAttribute("data-chart-errors", window.__chartErrors.join(" | "));
    }
  }
  if (nodes.length === 0) { finish(); done = 0; document.body.setAttribute("data-charts-rendered", "0"); }
  nodes.forEach(function (node) {
    var spec = JSON.parse(document.getElementById(node.getAttribute("data-spec")).textContent);
    vegaEmbed(node, spec, {renderer: "svg", actions: false})
      .then(finish)
      .catch(function (err) { window.__chartErrors.push(String(err)); console.error(err); finish(); });
  });
})();
</script>
</body>
</html>
"""


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&`` as unicode escapes.

    Examples:
        >>> script_json({"title": "</script><script>alert(1)</script>"})
        '{"title": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def _css_string(text: str) -> str:
    """Text for a CSS string in double quotes (``content: "..."``)."""
    return re.sub(r'[\\"\n\r<>]', lambda m: f"\\{ord(m.group()):x} ", text)


@cache
def vega_bundle() -> str:
    """The vega-embed + Vega-Lite + Vega JavaScript bundle of vl-convert (cached on disk)."""
    import vl_convert as vlc
    from altair.utils.html import vl_version_for_vl_convert

    version = vl_version_for_vl_convert()
    cache_dir = Path.home() / ".cache" / "leadanalytics"
    path = cache_dir / f"vega-embed-{vlc.__version__}-{version}.js"
    if path.exists():
        return path.read_text(encoding="utf-8")
    text = vlc.javascript_bundle(vl_version=version)
    if "</script" in text.lower():  # never expected; refuse rather than break the page
        raise RuntimeError("the Vega bundle contains '</script' and cannot be inlined")
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return text


def _markdown(text: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(text)


def page_style(lang: str = "nl", footer: str = "") -> str:
    """The page's CSS: screen, and print on A4 with "pagina X van Y" (nl) / "page X of Y" (en)
    and ``footer`` (the report's title) in the bottom margin.

    Examples:
        >>> "pagina" in page_style("nl") and "size: A4" in page_style("en")
        True
    """
    page, of = _PAGE_WORDS[check_lang(lang)]
    return (STYLE.replace("@@PAGE@@", page).replace("@@OF@@", of)
            .replace("@@FOOTER@@", _css_string(footer)).replace("@@ROWS1@@", str(PRINT_ROWS + 1)))


def _hide(text: str, hide: Sequence[str]) -> str:
    for folder in hide:
        if folder:
            text = text.replace(folder.rstrip("/") + "/", "").replace(folder, "")
    return text


def notebook_to_html(nb, title: str, show_code: bool = False, lang: str = "nl",
                     hide: Sequence[str] = ()) -> tuple[str, dict[str, int]]:
    """The page for an executed notebook, and counts of what it holds (charts, tables).

    ``title`` is the page's title (and the PDF's footer), ``lang`` the page's language, ``hide``
    folders cut from every text of the page (so files are named, never shown with their path).

    Raises:
        ValueError: a cell produced an error output, or an output carries a script of its own.

    Examples:
        >>> import nbformat
        >>> page, counts = notebook_to_html(nbformat.v4.new_notebook(), "Leeg")  # doctest: +SKIP
    """
    parts: list[str] = []
    counts = {"charts": 0, "tables": 0}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(_hide(_markdown(cell.source), hide))
            continue
        if cell.cell_type != "code":
            continue
        if show_code:
            parts.append(f"<pre class='code'>{html.escape(cell.source)}</pre>")
        for out in cell.get("outputs", []):
            parts.append(_output(out, counts, hide))
    body = "\n".join(p for p in parts if p)
    page = (PAGE.replace("@@LANG@@", check_lang(lang)).replace("@@TITLE@@", html.escape(title))
            .replace("@@STYLE@@", page_style(lang, title)).replace("@@BODY@@", body))
    return page.replace("@@VEGA@@", vega_bundle()), counts


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _allowed_scripts(text: str) -> bool:
    """An output may carry scripts only when it is an itables table (offline mode, through
    ``present.table``): its data is HTML-escaped JSON and its preview escaped HTML, so no text
    from the data can end its script element. (Its bundle is imported from a ``blob:`` URL,
    which the page's policy allows; nothing is fetched from the network.)"""
    return "_itables_" in text


def _output(out, counts: dict[str, int], hide: Sequence[str] = ()) -> str:
    kind = out.get("output_type")
    if kind == "stream":
        if out.get("name") == "stderr":          # warnings and the kernel's notes: not for readers
            return ""
        text = _hide(_text(out.get("text", "")), hide)
        return f"<pre>{html.escape(text)}</pre>" if text.strip() else ""
    if kind == "error":
        raise ValueError(f"notebook cell failed: {out.get('ename')}: {out.get('evalue')}")
    data = out.get("data", {})
    for mime, value in data.items():
        if mime.startswith(VEGALITE_MIME_PREFIX):
            counts["charts"] += 1
            n = counts["charts"]
            spec = value if isinstance(value, dict) else json.loads(value)
            return (f'<div class="chart" id="chart-{n}" data-spec="spec-{n}"></div>\n'
                    f'<script type="application/json" id="spec-{n}">{script_json(spec)}</script>')
    if "text/html" in data:
        # pandas' to_html escapes every cell; markdown from the notebook's own display calls
        text = _hide(_text(data["text/html"]), hide)
        if "<script" in text.lower() and not _allowed_scripts(text):
            raise ValueError("a notebook output carries a <script>: enable Altair's mimetype "
                             "renderer in the notebook, never raw HTML")
        if "<table" in text:
            counts["tables"] += 1
        return f'<div class="output">{text}</div>'
    if "text/markdown" in data:
        return _markdown(_hide(_text(data["text/markdown"]), hide))
    if "image/png" in data:
        png = _text(data["image/png"]).replace("\n", "")
        return f'<div class="output"><img alt="" src="data:image/png;base64,{html.escape(png)}"></div>'
    if "text/plain" in data:
        text = _text(data["text/plain"])
        if _BARE_REPR.match(text):               # <Figure size ...>, <object at 0x...>
            return ""
        return f"<pre>{html.escape(_hide(text, hide))}</pre>"
    return ""


# --------------------------------------------------------------------------- the folder's index

_INDEX_WORDS = {
    "nl": {"title": "Rapporten", "report": "Rapport", "scope": "Bereik", "as_of": "Peildatum",
           "built": "Gemaakt", "files": "Bestanden", "none": "Nog geen rapporten."},
    "en": {"title": "Reports", "report": "Report", "scope": "Scope", "as_of": "As of",
           "built": "Built", "files": "Files", "none": "No reports yet."},
}


def index_html(entries: Iterable[dict[str, Any]], lang: str = "nl") -> str:
    """The ``index.html`` of an output folder: one row per report (title, scope in words, as-of,
    built at, links to its files), in ``lang``. Each entry has ``title``, ``scope``, ``as_of``,
    ``built_at`` (text as it is shown) and ``files`` (names in the folder, linked relatively).

    Examples:
        >>> page = index_html([{"title": "Datakwaliteit", "scope": "hele organisatie",
        ...     "as_of": "31 maart 2026", "built_at": "31 maart 2026 07:00",
        ...     "files": ["data_quality.html", "data_quality.pdf"]}])
        >>> '<a href="data_quality.pdf">PDF</a>' in page
        True
    """
    words = _INDEX_WORDS[check_lang(lang)]
    rows = []
    for e in entries:
        links = " · ".join(
            f'<a href="{html.escape(f, quote=True)}">{html.escape(_file_label(f))}</a>'
            for f in e["files"] if not f.endswith((".ipynb", ".json")))
        rows.append(
            f"<tr><td>{html.escape(e['title'])}</td><td>{html.escape(e['scope'])}</td>"
            f"<td>{html.escape(e['as_of'])}</td><td>{html.escape(e['built_at'])}</td>"
            f"<td>{links}</td></tr>")
    table = (f"<table><thead><tr><th>{words['report']}</th><th>{words['scope']}</th>"
             f"<th>{words['as_of']}</th><th>{words['built']}</th><th>{words['files']}</th>"
             f"</tr></thead><tbody>{''.join(rows)}</tbody></table>" if rows
             else f"<p>{words['none']}</p>")
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            'style-src \'unsafe-inline\'">\n'
            f"<title>{words['title']}</title>\n<style>{page_style(lang, words['title'])}</style>\n"
            f"</head>\n<body>\n<h1>{words['title']}</h1>\n{table}\n</body>\n</html>\n")


def _file_label(name: str) -> str:
    """``x.html`` -> ``HTML``, ``x.pdf`` -> ``PDF``, a CSV by its name."""
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".pdf"):
        return suffix[1:].upper()
    return name
