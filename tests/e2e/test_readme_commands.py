"""The README's command list is the CLI's: every line's command answers `--help` and knows the options
the line shows, and every command of the CLI has a line."""

from __future__ import annotations

import argparse
import contextlib
import io
import re
from pathlib import Path

import pytest

from cadre_desk import cli

README = Path(__file__).resolve().parents[2] / "README.md"
OPTION = re.compile(r"(?<![\w-])(--?[a-z][a-z-]*)")


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse keeps its subparsers here; there is no public accessor
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def cli_commands() -> dict[tuple[str, ...], argparse.ArgumentParser]:
    """Every command path of the CLI (`('dossier', 'cadre')`, `('stats',)` …) and its parser."""
    parser, _handlers = cli.build_parser()
    commands: dict[tuple[str, ...], argparse.ArgumentParser] = {}
    for name, sub in _subcommands(parser).items():
        actions = _subcommands(sub)
        for action, leaf in actions.items():
            commands[(name, action)] = leaf
        if not actions:
            commands[(name,)] = sub
    return commands


def readme_lines() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## The command line") :]
    block = section[section.index("```sh") : section.index("```", section.index("```sh") + 5)]
    return [line for line in block.splitlines() if line.startswith("cadre-desk ")]


def command_of(line: str, commands: dict[tuple[str, ...], argparse.ArgumentParser]) -> tuple[str, ...]:
    words = line.split("#", maxsplit=1)[0].split()[1:]
    while words and words[0].startswith("--"):  # the global options: --db data.db
        words = words[2:]
    for length in (2, 1):
        if tuple(words[:length]) in commands:
            return tuple(words[:length])
    raise AssertionError(f"the README shows a command the CLI does not have: {line}")


LINES = readme_lines()


@pytest.mark.parametrize("line", LINES)
def test_each_readme_command_answers_help_and_has_its_options(line: str) -> None:
    commands = cli_commands()
    path = command_of(line, commands)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exited:
        cli.main(["--db", "data.db", *path, "--help"])
    assert exited.value.code == 0
    assert f"usage: cadre-desk {' '.join(path)}" in out.getvalue()
    known = {option for action in commands[path]._actions for option in action.option_strings}
    known |= {"--db", "--operator", "--user"}  # the global options
    shown = set(OPTION.findall(line.split("#", maxsplit=1)[0]))
    assert shown <= known, f"{line}: {sorted(shown - known)} unknown to `{' '.join(path)}`"


def test_every_cli_command_has_a_readme_line() -> None:
    commands = cli_commands()
    documented = {command_of(line, commands) for line in LINES}
    assert sorted(set(commands) - documented) == []


def test_global_help_names_the_default_database() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "default: None" not in out.getvalue()
    assert "CADRE_DESK_DB" in out.getvalue()
