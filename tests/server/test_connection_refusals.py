"""A wrong password, an absent server, an unknown base, a bad address: one French line."""

import socket

import pytest

from charte_desktop.db.server import ServerAddress
from tests.command_line import run_cli


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _refused(capsys: pytest.CaptureFixture[str], url: str) -> str:
    code, out, err = run_cli(capsys, "list", "actions", url)
    assert code == 1 and out == ""
    assert err.count("\n") == 1, err
    assert "Traceback" not in err and "psycopg" not in err.lower()
    return err


def test_wrong_password(server: ServerAddress, capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    err = _refused(capsys, f"postgresql://{server.user}:mauvais@{server.where}/{server.base}")
    assert "refusé le mot de passe" in err
    assert "mauvais" not in err  # a password is never shown


def test_missing_password(server: ServerAddress, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path) + "/aucun.pgpass")
    err = _refused(capsys, f"postgresql://{server.user}@{server.where}/{server.base}")
    assert "demande un mot de passe" in err and "PGPASSWORD" in err


def test_absent_server(capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(capsys, f"postgresql://camille:x@127.0.0.1:{_free_port()}/charte")
    assert "ne répond pas" in err


def test_unknown_base(server: ServerAddress, capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(capsys, f"postgresql://{server.user}:{server.password}@{server.where}/"
                           "base_inconnue")
    assert "« base_inconnue » n'existe pas" in err


@pytest.mark.parametrize("url", ["postgresql://serveur", "postgresql://serveur:abc/charte"])
def test_malformed_address_is_a_usage_error_in_french(
        url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "list", "actions", url)
    assert code == 2 and out == ""
    assert "postgresql://camille@serveur:5432/charte" in err


def test_an_empty_base_and_a_foreign_one(empty_base: ServerAddress,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """What IT made but nobody published into yet; a base of another program."""
    import psycopg

    url = (f"postgresql://{empty_base.user}:{empty_base.password}@{empty_base.where}/"
           f"{empty_base.base}")
    err = _refused(capsys, url)
    assert f"La base « {empty_base.base} »" in err and "est vide" in err
    with psycopg.connect(host=empty_base.host, port=empty_base.port, user=empty_base.user,
                         password=empty_base.password, dbname=empty_base.base,
                         autocommit=True) as other:
        other.execute("CREATE TABLE facture (numero integer)")
    err = _refused(capsys, url)
    assert "n'est pas une base Charte" in err and "pas modifiée" in err
