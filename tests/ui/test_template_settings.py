"""Paramètres › Documents: the officer's own Word template, checked before it is kept."""

from pathlib import Path

from docx import Document
from pytestqt.qtbot import QtBot

from charte_desktop.settings import load_settings
from charte_desktop.ui.pages.template_settings import SHIPPED, TemplateSettings


def test_own_template_is_checked_then_kept_then_dropped(qtbot: QtBot, tmp_path: Path) -> None:
    from charte_desktop.exports.word_template import shipped_template

    panel = TemplateSettings()
    qtbot.addWidget(panel)
    panel.load()
    assert panel.current.text() == SHIPPED

    bare = tmp_path / "vide.docx"
    incomplete = Document(str(shipped_template()))
    incomplete.styles["List Bullet"].delete()
    incomplete.save(str(bare))
    assert not panel.apply(bare)
    assert "List Bullet" in panel.status.text() or "style" in panel.status.text()
    assert load_settings().word_template is None

    own = tmp_path / "modèle de la CC.docx"
    Document(str(shipped_template())).save(str(own))
    assert panel.apply(own)
    assert load_settings().word_template == own
    assert panel.current.text() == str(own)
    panel.reset_button.click()
    assert load_settings().word_template is None
