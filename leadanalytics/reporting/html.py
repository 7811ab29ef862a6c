"""Turning an executed notebook into one self-contained HTML page.

Vega, Vega-Lite and vega-embed are inlined (no CDN); each chart's spec sits in a
``<script type="application/json">`` element with ``<``, ``>`` and ``&`` escaped as JSON unicode
escapes, so text from the data (a lead titled ``</script><script>...``) cannot end the element.
Every other text from the data is HTML-escaped. Code cells are left out unless asked for.
"""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path
from typing import Any

VEGALITE_MIME_PREFIX = "application/vnd.vegalite.v"

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; color: #222; }}
table {{ border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0 1.5rem; }}
th, td {{ border: 1px solid #ddd; padding: 0.2rem 0.5rem; text-align: left; }}
pre {{ background: #f6f6f6; padding: 0.5rem; overflow-x: auto; }}
.chart {{ margin: 1rem 0 2rem; }}
</style>
<script>
window.__chartErrors = [];
window.addEventListener("error", function (e) {{ window.__chartErrors.push(String(e.message)); }});
</script>
<script>
{vega_bundle}
</script>
</head>
<body>
{body}
<script>
(function () {{
  var nodes = document.querySelectorAll("div.chart");
  var done = 0;
  function finish() {{
    done += 1;
    if (done === nodes.length) {{
      document.body.setAttribute("data-charts-rendered", String(nodes.length - window.__chartErrors.length));
      document.body.setAttribute("data-chart-errors", window.__chartErrors.join(" | "));
    }}
  }}
  if (nodes.length === 0) {{ finish(); done = 0; document.body.setAttribute("data-charts-rendered", "0"); }}
  nodes.forEach(function (node) {{
    var spec = JSON.parse(document.getElementById(node.getAttribute("data-spec")).textContent);
    vegaEmbed(node, spec, {{renderer: "svg", actions: false}})
      .then(finish)
      .catch(function (err) {{ window.__chartErrors.push(String(err)); console.error(err); finish(); }});
  }});
}})();
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


def notebook_to_html(nb, title: str, show_code: bool = False) -> tuple[str, dict[str, int]]:
    """The page for an executed notebook, and counts of what it holds (charts, tables).

    Raises:
        ValueError: a cell produced an error output.
    """
    parts: list[str] = []
    counts = {"charts": 0, "tables": 0}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(_markdown(cell.source))
            continue
        if cell.cell_type != "code":
            continue
        if show_code:
            parts.append(f"<pre class='code'>{html.escape(cell.source)}</pre>")
        for out in cell.get("outputs", []):
            parts.append(_output(out, counts))
    return PAGE.format(title=html.escape(title), vega_bundle=vega_bundle(),
                       body="\n".join(p for p in parts if p)), counts


def _output(out, counts: dict[str, int]) -> str:
    kind = out.get("output_type")
    if kind == "stream":
        return f"<pre>{html.escape(out.get('text', ''))}</pre>"
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
        value = data["text/html"]
        text = "".join(value) if isinstance(value, list) else value
        if "<script" in text.lower():
            raise ValueError("a notebook output carries a <script>: enable Altair's mimetype "
                             "renderer in the notebook, never raw HTML")
        if "<table" in text:
            counts["tables"] += 1
        return f'<div class="output">{text}</div>'
    if "text/markdown" in data:
        return _markdown(data["text/markdown"])
    if "text/plain" in data:
        return f"<pre>{html.escape(data['text/plain'])}</pre>"
    return ""
