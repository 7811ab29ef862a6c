"""Open an HTML file in Debian's headless Chromium with the network off; return the DOM and the
console lines, the page's width at a given window, or a screenshot. Installs the Debian package
when it is missing (or fails: never skips). Also: a page's visible text, as a reader sees it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    # network off: every host resolves to nothing and the proxy is a closed port
    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
    "--enable-logging=stderr", "--v=0", "--virtual-time-budget=15000",
    "--hide-scrollbars",
]
# Written into a copy of the page: after the scripts ran (charts, tables), the page's widths.
PROBE = """<script>
setTimeout(function () {
  var d = document.documentElement, b = document.body;
  b.setAttribute("data-probe-scroll-width", String(Math.max(d.scrollWidth, b.scrollWidth)));
  b.setAttribute("data-probe-client-width", String(d.clientWidth));
  b.setAttribute("data-probe-scroll-height", String(Math.max(d.scrollHeight, b.scrollHeight)));
}, 9000);
</script>"""


def chromium() -> str:
    """The Chromium binary; installed with apt-get when missing (the Makefile does the same)."""
    if not Path(CHROMIUM).exists():
        sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)
    assert shutil.which(CHROMIUM), "Chromium could not be installed (apt-get install chromium)"
    return CHROMIUM


def render(html_file: Path, window: tuple[int, int] | None = None) -> tuple[str, list[str]]:
    """(DOM after scripts ran, console lines) of a local file opened with no network."""
    size = [f"--window-size={window[0]},{window[1]}"] if window else []
    result = subprocess.run(
        [chromium(), *FLAGS, *size, "--dump-dom", html_file.resolve().as_uri()],
        capture_output=True, text=True, timeout=180, check=False,
    )
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    return result.stdout, console


def _probed_copy(html_file: Path, folder: Path) -> Path:
    """A copy of the page beside it (same folder: relative links still work) with PROBE."""
    page = html_file.read_text(encoding="utf-8")
    at = page.rfind("</body>")
    copy = folder / f".probe-{html_file.name}"
    copy.write_text(page[:at] + PROBE + page[at:], encoding="utf-8")
    return copy


def measure(html_file: Path, width: int = 1280, height: int = 900) -> dict[str, int]:
    """The page's ``scroll_width``, ``client_width`` and ``scroll_height`` (CSS px) in a window of
    ``width`` x ``height`` once its scripts ran, and the DOM it had then (``dom``)."""
    copy = _probed_copy(html_file, html_file.parent)
    try:
        dom, _ = render(copy, (width, height))
    finally:
        copy.unlink()
    found = {k: int(v) for k, v in re.findall(r'data-probe-([a-z-]+)="(\d+)"', dom)}
    assert found, f"the probe did not run in {html_file.name}"
    return {"scroll_width": found["scroll-width"], "client_width": found["client-width"],
            "scroll_height": found["scroll-height"], "dom": dom}


def screenshot(html_file: Path, png: Path, width: int = 1280, max_height: int = 7000) -> Path:
    """A PNG of the whole page (up to ``max_height`` px) at ``width`` px."""
    height = min(measure(html_file, width)["scroll_height"], max_height)
    with tempfile.TemporaryDirectory() as tmp:
        shot = Path(tmp) / "shot.png"
        subprocess.run(
            [chromium(), *FLAGS, f"--window-size={width},{height}", f"--screenshot={shot}",
             html_file.resolve().as_uri()],
            capture_output=True, text=True, timeout=180, check=False,
        )
        assert shot.exists(), f"no screenshot of {html_file.name}"
        png.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, png)
    return png


def visible_text(page: str) -> str:
    """What a reader sees of an HTML page before scripts run: its text without scripts, styles,
    templates and elements marked ``hidden``, whitespace collapsed."""
    soup = soup_of(page)
    return " ".join(soup.get_text(" ").split())


def soup_of(page: str):
    """The page parsed, with what a reader never sees removed (scripts, styles, hidden)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    for tag in soup(["script", "style", "template", "noscript", "head"]):
        tag.decompose()
    for tag in soup.select("[hidden]"):
        tag.decompose()
    return soup
