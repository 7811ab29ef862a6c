"""The wheel ships the SQL, the configuration and the pipelines, and runs from its own files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_installs_and_runs_a_command(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(ROOT)],
        check=True,
    )
    wheel = next(dist.glob("leadanalytics-*.whl"))
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
    )
    db = tmp_path / "w.duckdb"
    code = (
        "import sys, leadanalytics, leadanalytics.sql, leadanalytics.pipelines.reading;"
        "print(leadanalytics.__file__);"
        "from leadanalytics.cli import main; sys.argv=['leadanalytics', '--db', sys.argv[1], 'init'];"
        "main()"
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().startswith(str(target))  # the wheel's copy, not the source tree
    assert "schema version" in run.stderr and db.exists()


def test_every_subpackage_is_in_the_wheel():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {
        "leadanalytics." + ".".join(p.parent.relative_to(ROOT / "leadanalytics").parts)
        for p in (ROOT / "leadanalytics").rglob("__init__.py")
        if p.parent != ROOT / "leadanalytics"
    }
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages"


def test_wheel_ships_the_report_notebooks(tmp_path):
    import zipfile

    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(ROOT)],
        check=True,
    )
    names = zipfile.ZipFile(next(dist.glob("leadanalytics-*.whl"))).namelist()
    for report in ("phase_group_dashboard", "lead_conversion", "bonus_payouts", "data_quality"):
        assert f"leadanalytics/notebooks/{report}.ipynb" in names
