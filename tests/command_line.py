"""Running the command line in a test, as a script would: exit code, stdout, stderr."""

import hashlib
from pathlib import Path

import pytest

from charte_desktop.cli.main import run


def run_cli(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """`charte-desktop ARGV…` in this process; a usage error's exit 2 is returned too."""
    try:
        code = run([str(arg) for arg in argv])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def sha256(path: Path) -> str:
    """The file's fingerprint: equal before and after when nothing was to be written."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
