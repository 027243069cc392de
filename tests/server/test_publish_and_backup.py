"""Publish a Charte file to a server, use it there, back it up: the same as the file."""

import json
from pathlib import Path

import openpyxl
import pytest

from charte_desktop.db.server import ServerAddress
from tests.command_line import run_cli, sha256

KINDS = ("plans", "actions", "bodies", "meetings", "indicators", "contacts", "calls")


@pytest.fixture
def published(empty_base: ServerAddress, demo: Path, capsys: pytest.CaptureFixture[str],
              monkeypatch: pytest.MonkeyPatch) -> ServerAddress:
    # The password from PGPASSWORD, as a script would give it: never in the address.
    monkeypatch.setenv("PGPASSWORD", empty_base.password or "")
    code, out, err = run_cli(capsys, "publish", demo, empty_base.label)
    assert (code, err) == (0, "")
    assert "publié" in out and "vérifiée" in out
    return empty_base


def _listing(capsys: pytest.CaptureFixture[str], kind: str, where: object) -> object:
    code, out, err = run_cli(capsys, "list", kind, where, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def test_the_published_base_lists_what_the_file_lists(
        published: ServerAddress, demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for kind in KINDS:
        assert _listing(capsys, kind, published.label) == _listing(capsys, kind, demo), kind


def test_the_published_base_exports_the_same_tableau_de_suivi(
        published: ServerAddress, demo: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    for where, name in ((demo, "fichier.xlsx"), (published.label, "serveur.xlsx")):
        code, _out, err = run_cli(capsys, "export", "monitoring", where, "-o", tmp_path / name)
        assert (code, err) == (0, "")
    ours = openpyxl.load_workbook(tmp_path / "fichier.xlsx")
    theirs = openpyxl.load_workbook(tmp_path / "serveur.xlsx")
    assert ours.sheetnames == theirs.sheetnames
    for sheet in ours.worksheets:
        other = theirs[sheet.title]
        assert [[c.value for c in row] for row in sheet.iter_rows()] == \
            [[c.value for c in row] for row in other.iter_rows()], sheet.title


def test_backup_of_the_server_is_a_sound_file_with_the_same_content(
        published: ServerAddress, demo: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "backup", published.label, "--to", tmp_path / "copies")
    assert (code, err) == (0, "")
    backup = Path(out.strip())
    assert backup.parent == tmp_path / "copies" and backup.suffix == ".sqlite"
    code, out, err = run_cli(capsys, "check", backup)
    assert (code, err) == (0, "") and "sain" in out
    for kind in KINDS:
        assert _listing(capsys, kind, backup) == _listing(capsys, kind, demo), kind


def test_check_reads_the_whole_base(published: ServerAddress,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "check", published.label)
    assert (code, err) == (0, "")
    assert "saine" in out and "lignes relues" in out


def test_publishing_twice_is_refused_and_changes_nothing(
        published: ServerAddress, demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _listing(capsys, "actions", published.label)
    fingerprint = sha256(demo)
    code, out, err = run_cli(capsys, "publish", demo, published.label)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "contient déjà une base Charte" in err
    assert _listing(capsys, "actions", published.label) == before
    assert sha256(demo) == fingerprint  # the file is only read


def test_a_foreign_base_is_refused_untouched(
        empty_base: ServerAddress, demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import psycopg

    def tables() -> list[str]:
        with psycopg.connect(host=empty_base.host, port=empty_base.port,
                             user=empty_base.user, password=empty_base.password,
                             dbname=empty_base.base) as connection:
            rows = connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
        return sorted(row[0] for row in rows)

    with psycopg.connect(host=empty_base.host, port=empty_base.port, user=empty_base.user,
                         password=empty_base.password, dbname=empty_base.base) as connection:
        connection.execute("CREATE TABLE compta (id integer)")
    url = f"postgresql://{empty_base.user}:{empty_base.password}@{empty_base.where}/" \
          f"{empty_base.base}"
    for argv in (("publish", demo, url), ("list", "actions", url), ("backup", url),
                 ("check", url)):
        code, out, err = run_cli(capsys, *argv)
        assert code == 1 and out == "", argv
        assert err.count("\n") == 1 and "n'est pas une base Charte" in err, argv
    assert tables() == ["compta"]


def test_an_empty_base_says_to_publish_first(
        empty_base: ServerAddress, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSWORD", empty_base.password or "")
    code, out, err = run_cli(capsys, "list", "actions", empty_base.label)
    assert code == 1 and out == ""
    assert "est vide" in err and "publish" in err


def test_a_file_of_an_earlier_charte_is_published_and_stays_as_it_was(
        empty_base: ServerAddress, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from charte_desktop.db import open_database
    from charte_desktop.db.schema_version import HEAD_REVISION, read_revision

    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    older = shutil.copyfile(fixtures / "schema-0004_meetings_as_run.sqlite",
                            tmp_path / "territoire-2024.sqlite")
    before = sha256(older)
    monkeypatch.setenv("PGPASSWORD", empty_base.password or "")
    code, out, err = run_cli(capsys, "publish", older, empty_base.label)
    assert (code, err) == (0, "") and "publié" in out
    assert sha256(older) == before  # the officer's file is not migrated in place
    assert read_revision(older) != HEAD_REVISION
    assert list(tmp_path.iterdir()) == [older]  # no copy left beside it

    up_to_date = shutil.copyfile(older, tmp_path / "a-jour.sqlite")
    open_database(up_to_date, backup_folder=tmp_path / "sauvegardes").close()
    for kind in KINDS:
        assert _listing(capsys, kind, empty_base.label) == _listing(capsys, kind, up_to_date), \
            kind


def test_a_damaged_file_of_an_earlier_charte_is_refused_in_its_own_name(
        empty_base: ServerAddress, demo: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from tests.backup_helpers import corrupt_an_index_page

    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    older = shutil.copyfile(fixtures / "schema-0004_meetings_as_run.sqlite",
                            tmp_path / "territoire-2024.sqlite")
    corrupt_an_index_page(older)
    monkeypatch.setenv("PGPASSWORD", empty_base.password or "")
    code, out, err = run_cli(capsys, "publish", older, empty_base.label)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and f"« {older} » est endommagé" in err
    code, out, err = run_cli(capsys, "publish", demo, empty_base.label)
    assert (code, err) == (0, "")  # the base was left empty: a sound file goes in
