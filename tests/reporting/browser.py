"""Open an HTML file in Debian's headless Chromium with the network off; return the DOM and the
console lines. Installs the Debian package when it is missing (or fails: never skips)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    # network off: every host resolves to nothing and the proxy is a closed port
    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
    "--enable-logging=stderr", "--v=0", "--virtual-time-budget=15000",
]


def chromium() -> str:
    """The Chromium binary; installed with apt-get when missing (the Makefile does the same)."""
    if not Path(CHROMIUM).exists():
        sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)
    assert shutil.which(CHROMIUM), "Chromium could not be installed (apt-get install chromium)"
    return CHROMIUM


def render(html_file: Path) -> tuple[str, list[str]]:
    """(DOM after scripts ran, console lines) of a local file opened with no network."""
    result = subprocess.run(
        [chromium(), *FLAGS, "--dump-dom", html_file.resolve().as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    return result.stdout, console
