"""What the README documents exists and is tested: commands, their options, the set-up."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tacitus.serve.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_docs_readme_starts_with_the_two_commands():
    block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_docs_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)


DOCUMENTED = sorted(set(re.findall(r"`tacitus (\w+)", README)))


def test_docs_commands_are_documented():
    assert set(DOCUMENTED) == set(cli.commands), "README and CLI disagree on the commands"


@pytest.mark.parametrize("command", DOCUMENTED)
def test_docs_command_has_help_with_an_example(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert f"tacitus {command}" in result.output  # the docstring shows a worked example


@pytest.mark.parametrize("option", sorted(set(re.findall(r"(?<![-\w])(--[a-z][a-z0-9-]+)", README))))
def test_docs_documented_options_exist(option):
    def commands(group):  # the commands of groups too (`review correct`)
        for c in group.commands.values():
            yield c
            yield from commands(c) if hasattr(c, "commands") else ()

    known = {opt for c in commands(cli) for p in c.params for opt in getattr(p, "opts", [])}
    assert option in known
