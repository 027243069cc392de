"""Warnings for files on a network share or in a synced folder, every platform's cases."""

from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from charte_desktop.db.location import (
    cloud_service,
    mount_of,
    network_mount,
    risk_for,
    storage_risk,
    windows_share,
)

MOUNTS = """\
sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
/dev/sda2 / ext4 rw,relatime 0 0
/dev/sda3 /home ext4 rw,relatime 0 0
//nas/partage /mnt/partage cifs rw,vers=3.1.1 0 0
nas:/export/urba /home/camille/urba nfs4 rw,relatime 0 0
camille@srv:/data /home/camille/ssh\\040distant fuse.sshfs rw 0 0
tmpfs /home/camille/urba/local tmpfs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "share"),
    [
        (r"\\PC-URBA\Partage\charte.sqlite", r"\\PC-URBA\Partage"),
        ("//nas/partage/suivi/charte.sqlite", r"\\nas\partage"),
        (r"\\?\UNC\nas\partage\charte.sqlite", r"\\nas\partage"),
        (r"\\?\C:\Users\camille\charte.sqlite", None),
        (r"C:\Users\camille\Documents\charte.sqlite", None),
        ("charte.sqlite", None),
    ],
)
def test_windows_shares(path: str, share: str | None) -> None:
    assert windows_share(PureWindowsPath(path)) == share


@pytest.mark.parametrize(
    ("path", "service"),
    [
        (r"C:\Users\camille\OneDrive\Charte\charte.sqlite", "OneDrive"),
        (r"C:\Users\camille\OneDrive - Communauté de communes du Val\charte.sqlite", "OneDrive"),
        (r"D:\Dropbox (Personnel)\charte.sqlite", "Dropbox"),
        (r"C:\Users\camille\Google Drive\charte.sqlite", "Google Drive"),
        (r"G:\Mon Drive\Suivi\charte.sqlite", "Google Drive"),
        (r"C:\Users\camille\iCloudDrive\charte.sqlite", "iCloud Drive"),
        (r"C:\Users\camille\Nextcloud\charte.sqlite", "Nextcloud"),
        (r"P:\pCloud Drive\charte.sqlite", "pCloud"),
        ("/Users/camille/Library/CloudStorage/OneDrive-Personal/charte.sqlite", "OneDrive"),
        ("/Users/camille/Library/CloudStorage/GoogleDrive-c@x.fr/Mon Drive/a.sqlite",
         "Google Drive"),
        ("/home/camille/Dropbox/charte.sqlite", "Dropbox"),
        (r"C:\Users\camille\Documents\charte.sqlite", None),
        (r"C:\Users\camille\Documents\OneDriveNotes\charte.sqlite", None),
        (r"C:\Users\camille\Box\charte.sqlite", None),  # too common a word alone
        (r"C:\Users\camille\Documents\OneDrive.sqlite", None),  # the file, not a folder
        ("/home/camille/charte.sqlite", None),
    ],
)
def test_cloud_folders(path: str, service: str | None) -> None:
    pure = PureWindowsPath(path) if "\\" in path else PurePosixPath(path)
    assert cloud_service(pure) == service


def test_longest_mount_point_wins() -> None:
    assert mount_of(PurePosixPath("/home/camille/a.sqlite"), MOUNTS) == (
        "/dev/sda3", "/home", "ext4"
    )
    assert mount_of(PurePosixPath("/home/camille/urba/x/a.sqlite"), MOUNTS) == (
        "nas:/export/urba", "/home/camille/urba", "nfs4"
    )
    # Inside the network mount, a local one mounted deeper.
    assert network_mount(PurePosixPath("/home/camille/urba/local/a.sqlite"), MOUNTS) is None
    # "/home/camille/urbanisme" is not under "/home/camille/urba".
    assert network_mount(PurePosixPath("/home/camille/urbanisme/a.sqlite"), MOUNTS) is None
    assert mount_of(PurePosixPath("/etc/a"), "") is None


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/mnt/partage/charte.sqlite", "cifs"),
        ("/home/camille/urba/charte.sqlite", "nfs4"),
        ("/home/camille/ssh distant/charte.sqlite", "fuse.sshfs"),  # \040 is a space
        ("/home/camille/charte.sqlite", None),
        ("/tmp/charte.sqlite", None),
    ],
)
def test_network_mounts(path: str, kind: str | None) -> None:
    found = network_mount(PurePosixPath(path), MOUNTS)
    assert (found[1] if found else None) == kind


def test_messages_explain_the_risk_and_what_to_share() -> None:
    share = risk_for(PureWindowsPath(r"\\PC-URBA\Partage\charte.sqlite"))
    assert share is not None
    assert share.startswith(
        r"Le fichier « \\PC-URBA\Partage\charte.sqlite » est sur un partage réseau (\\PC-URBA"
    )
    assert "endommager" in share and "documents exportés" in share

    cloud = risk_for(PureWindowsPath(r"C:\Users\c\OneDrive - CC du Val\charte.sqlite"))
    assert cloud is not None
    assert "dossier synchronisé (OneDrive)" in cloud
    assert "copies en conflit" in cloud and "documents exportés" in cloud

    mounted = risk_for(PurePosixPath("/mnt/partage/charte.sqlite"), mounts_text=MOUNTS)
    assert mounted is not None and "(//nas/partage, cifs)" in mounted

    assert risk_for(PurePosixPath("/home/camille/charte.sqlite"), mounts_text=MOUNTS) is None


def test_mapped_network_drive_letter() -> None:
    asked: list[str] = []

    def remote(letter: str) -> bool:
        asked.append(letter)
        return letter == "Z:"

    mapped = risk_for(PureWindowsPath(r"Z:\Suivi\charte.sqlite"), drive_is_remote=remote)
    assert mapped is not None and "(lecteur réseau Z:)" in mapped
    assert risk_for(PureWindowsPath(r"C:\Suivi\charte.sqlite"), drive_is_remote=remote) is None
    extended = risk_for(PureWindowsPath(r"\\?\Z:\charte.sqlite"), drive_is_remote=remote)
    assert extended is not None
    assert asked == ["Z:", "C:", "Z:"]


def test_a_local_temporary_folder_is_safe(tmp_path: Path) -> None:
    assert storage_risk(tmp_path / "charte.sqlite") is None
