"""`charte-desktop --smoke`, the check the bundled program runs after each build."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import charte_desktop
from charte_desktop.ui.smoke import WINDOW_SHOWN, SmokeFailure, _DialogGuard

SOURCES = Path(charte_desktop.__file__).resolve().parents[1]


def run_smoke(home: Path) -> subprocess.CompletedProcess[str]:
    """The smoke test in a fresh process, as the bundle runs it, with its own home."""
    temporary = str(home / "tmp")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(SOURCES),
               HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_STATE_HOME=str(home / "state"), TMPDIR=temporary, TMP=temporary,
               TEMP=temporary,
               # Windows: platformdirs' override of %LOCALAPPDATA% (data, logs).
               WIN_PD_OVERRIDE_LOCAL_APPDATA=str(home / "data"))
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    return subprocess.run([sys.executable, "-m", "charte_desktop", "--smoke"],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=240, check=False)


def test_smoke_opens_the_demo_exports_both_documents_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    result = run_smoke(tmp_path)

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Test de fonctionnement de Charte ")
    assert any("module natif" in line and "traductions françaises" in line for line in lines)
    assert any(line.startswith(f"- {WINDOW_SHOWN} sur la démonstration") for line in lines)
    assert any(line.startswith("- 8 écrans construits et dessinés") for line in lines)
    first = next(line for line in lines if line.startswith("- Premier écran lu sans SQL"))
    assert re.fullmatch(r"- Premier écran lu sans SQLAlchemy : les [1-9]\d* actions de la liste",
                        first), first
    minutes = next(line for line in lines if line.startswith("- Compte rendu"))
    assert minutes.endswith(".docx") and "Compte rendu - " in minutes
    workbook = next(line for line in lines if line.startswith("- Tableau de suivi"))
    assert "Tableau de suivi - " in workbook and workbook.endswith(".xlsx")
    assert all(sheet in workbook for sheet in ("Synthèse", "Actions", "Indicateurs"))
    assert lines[-1].startswith("Test de fonctionnement réussi en ")
    # The temporary folder is gone, and the officer's folders were never written.
    assert list((tmp_path / "tmp").iterdir()) == []
    for folder in ("data", "config", "state"):
        assert not (tmp_path / folder).exists(), folder


def test_a_failing_export_gives_one_french_line_and_exit_1(tmp_path: Path) -> None:
    broken = tmp_path / "mon-modele.docx"
    broken.write_text("pas un document Word", encoding="utf-8")
    settings = tmp_path / "data" / "Charte" / "reglages.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"word_template": str(broken)}), encoding="utf-8")

    result = run_smoke(tmp_path)

    assert result.returncode == 1
    failure = [line for line in result.stderr.splitlines()
               if line.startswith("Échec du test de fonctionnement : ")]
    assert failure == ["Échec du test de fonctionnement : Le modèle « mon-modele.docx » "
                       "n'est pas un document Word (.docx) lisible."]
    assert "Traceback" not in result.stderr
    assert "réussi" not in result.stdout


def test_an_unexpected_dialog_fails_the_smoke_instead_of_waiting_forever(qapp: Any) -> None:
    assert isinstance(qapp, QApplication)
    box = QMessageBox(QMessageBox.Icon.Warning, "Ouverture impossible",
                      "Le fichier est déjà ouvert\ndans une autre fenêtre.")
    # Should the guard fail, this closes the dialog anyway so the test cannot hang.
    QTimer.singleShot(5000, box.accept)
    with _DialogGuard(qapp) as guard:
        box.exec()

    with pytest.raises(SmokeFailure) as failure:
        guard.raise_if_any("la démonstration ne s'ouvre pas")
    assert str(failure.value) == ("la démonstration ne s'ouvre pas : « Le fichier est déjà "
                                  "ouvert dans une autre fenêtre. »")
