"""Fixtures shared by every test folder: fresh warehouses (copied from templates built once per
session), the hand-written organisation of ``tests/cases/lifecycle`` and a local SMTP server.
Helpers that are not fixtures live in ``tests/helpers.py``."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

import leadanalytics as la
from tests.helpers import HEADER, Inbox, free_port, fresh_warehouse, write_rows

_spec = importlib.util.spec_from_file_location(
    "lifecycle_seed", Path(__file__).parent / "cases" / "lifecycle" / "seed.py")
seed = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(seed)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def warehouse(db_path: Path) -> la.Warehouse:
    return la.connect(db_path, create=True)


@pytest.fixture
def smtp():
    """A real SMTP server on localhost: yields its inbox and the settings to reach it."""
    from aiosmtpd.controller import Controller

    from leadanalytics.notify import SmtpSettings

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, SmtpSettings(host="127.0.0.1", port=controller.port, sender="fin@agency.nl")
    controller.stop()


# --------------------------------------------------------------------------- timesheet ingest
@pytest.fixture
def write_csv(tmp_path: Path):
    """Write ``rows`` (CSV lines without header) under the contract header; return the path."""

    def write(name: str, *rows: str, header: str = HEADER) -> Path:
        return write_rows(tmp_path / name, rows, header)

    return write


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    """A migrated, initialised warehouse file, made once and copied per test (faster)."""
    p = tmp_path_factory.mktemp("template") / "template.duckdb"
    la.connect(p, create=True)
    return p


@pytest.fixture
def w_ts(template_db: Path, tmp_path: Path):
    """A fresh warehouse for one test (a copy of the template)."""
    return fresh_warehouse(template_db, tmp_path)


# --------------------------------------------------------------------------- the organisation
@pytest.fixture(scope="session")
def _templates(tmp_path_factory) -> dict[str, Path]:
    made = {}
    for pipeline in ("public_support", "carerix"):
        path = tmp_path_factory.mktemp("template") / f"{pipeline}.duckdb"
        seed.seed_org(la.init(path, pipeline=pipeline))
        made[pipeline] = path
    return made


@pytest.fixture(scope="session")
def _phased_template(_templates, tmp_path_factory) -> Path:
    """The public_support template plus one lead per phase, built once (seed.PATHS)."""
    path = tmp_path_factory.mktemp("template") / "phased.duckdb"
    shutil.copy(_templates["public_support"], path)
    w = la.connect(path)
    for phase in seed.PATHS:
        seed.lead_in(w, phase, f"L-{phase}")
    return path


@pytest.fixture
def phased(_phased_template, db_path: Path) -> la.Warehouse:
    """public_support warehouse with the organisation and lead ``L-<phase>`` in every phase."""
    shutil.copy(_phased_template, db_path)
    return la.connect(db_path)


@pytest.fixture
def org(_templates, db_path: Path) -> la.Warehouse:
    """public_support warehouse with branches, people and delegations of tests/cases/lifecycle."""
    shutil.copy(_templates["public_support"], db_path)
    return la.connect(db_path)


@pytest.fixture
def carerix_org(_templates, db_path: Path) -> la.Warehouse:
    """The same organisation with the carerix phase pipeline."""
    shutil.copy(_templates["carerix"], db_path)
    return la.connect(db_path)


@pytest.fixture(scope="module")
def phased_shared(_phased_template, tmp_path_factory) -> la.Warehouse:
    """One copy of the ``phased`` warehouse for a whole module: only for tests that write nothing
    (refusals; they assert so, which makes sharing it a check of its own)."""
    path = tmp_path_factory.mktemp("shared") / "phased.duckdb"
    shutil.copy(_phased_template, path)
    return la.connect(path)


@pytest.fixture(scope="module")
def org_shared(_templates, tmp_path_factory) -> la.Warehouse:
    """One copy of the organisation for a whole module of read-only tests."""
    path = tmp_path_factory.mktemp("shared") / "org.duckdb"
    shutil.copy(_templates["public_support"], path)
    return la.connect(path)
