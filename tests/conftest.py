"""Shared fixtures: a fresh warehouse per test."""

from __future__ import annotations

import email
import socket
from pathlib import Path

import pytest

import leadanalytics as la

CASES = Path(__file__).parent / "cases"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def warehouse(db_path: Path) -> la.Warehouse:
    return la.connect(db_path)


class Inbox:
    """What a local aiosmtpd server received: (recipients, message) pairs."""

    def __init__(self):
        self.messages: list[tuple[list[str], email.message.Message]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
