"""LibreOffice headless conversions for tests (skipped by the caller when absent)."""

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def convert(document: Path, to: str, work: Path, *, timeout: int = 240) -> Path:
    """Convert `document` with LibreOffice to `to` ("pdf", "csv"…); the converted file."""
    assert SOFFICE is not None
    out = work / f"converted-{to}"
    profile = (work / "lo-profile").as_uri()
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", to,
         "--outdir", str(out), str(document)],
        capture_output=True, text=True, timeout=timeout, check=False,
    )
    assert result.returncode == 0, result.stderr
    converted = out / f"{document.stem}.{to.split(':')[0]}"
    assert converted.is_file(), result.stdout + result.stderr
    return converted
