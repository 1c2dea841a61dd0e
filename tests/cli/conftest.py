"""What the command-line tests share: a database with a rollout, and what a good run and
an expected failure look like."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result

Run = Callable[..., Result]
INIT = ("init", "--tool", "Acme CRM", "--launch-date", "2026-11-03")


@pytest.fixture
def run(cli_run: Run) -> Run:
    """`cli_run` on a database holding the Acme CRM rollout (launch 2026-11-03: today,
    2026-11-07, is day 4 after launch, phase 1, the first week)."""
    made = cli_run(*INIT)
    assert made.exit_code == 0, made.output
    return cli_run


def ok(result: Result) -> str:
    """The standard output of a run that succeeded."""
    assert result.exit_code == 0, result.output or repr(result.exception)
    assert "Traceback" not in result.output
    return result.stdout


def fails(result: Result, code: int = 1, prefix: str = "Error: ") -> str:
    """An expected failure: exit `code`, no traceback, nothing on standard output.

    Exit 1 is one line on standard error, starting with `prefix`, which is returned;
    a usage error (2) is click's usage text, returned whole.
    """
    assert result.exit_code == code, result.output or repr(result.exception)
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    if code != 1:
        return result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(prefix), lines[0]
    return lines[0]
