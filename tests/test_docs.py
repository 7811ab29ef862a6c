"""Every command has help with an example and appears in the README (sqlite-utils' habit)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from leadanalytics.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def all_commands(group: click.Group, prefix: str = ""):
    for name, command in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        if isinstance(command, click.Group):
            yield from all_commands(command, full + " ")
        else:
            yield full, command


COMMANDS = list(all_commands(cli))


def test_there_are_commands():
    assert len(COMMANDS) >= 3


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_has_help_with_example(name, command):
    assert command.help and command.help.strip(), f"{name} has no help"
    assert "Example" in command.help, f"{name}: its help needs an 'Example:' line"


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_is_in_readme(name, command):
    words = name.split()
    in_table = [line for line in README.splitlines() if line.startswith("| `leadanalytics ")]
    assert any(all(w in line for w in words) for line in in_table), f"{name} missing from README"
