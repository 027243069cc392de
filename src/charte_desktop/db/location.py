"""Warn when a Charte file sits where it is at risk: a network share or a synced folder.

SQLite relies on file locks and on writes reaching the disk in order; network file systems
and sync clients (OneDrive, Dropbox, Google Drive…) break both. The pieces below are pure
functions of a path (PureWindowsPath or PurePosixPath) and of the mount table's text, so
that every platform's cases are tested anywhere; `storage_risk` feeds them the real ones.
"""

import os
import sys
from collections.abc import Callable
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

NETWORK_FILE_SYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p",
        "afs", "ncpfs", "davfs", "fuse.davfs2", "fuse.rclone", "ceph", "glusterfs",
        "fuse.glusterfs", "lustre",
    }
)

# Folder names of sync clients (compared without case), as the clients create them; a
# folder is also recognised with a suffix: "OneDrive - Communauté de communes…",
# "OneDrive-Personal", "Dropbox (Personnel)", "GoogleDrive-camille@…".
CLOUD_FOLDERS: dict[str, str] = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "mon drive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "icloud~com~apple~clouddocs": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "pcloud": "pCloud",
    "pcloud drive": "pCloud",
    "box": "Box",
    "box sync": "Box",
}
_CLOUD_SUFFIX_STARTS = (" ", "-", "(", "_")
_NOT_ALONE = frozenset({"box"})  # too common a word: only with a suffix like "Box Sync"

DRIVE_REMOTE = 4  # GetDriveTypeW

_SHARE_ADVICE = (
    "Pour partager votre travail, envoyez plutôt les documents exportés (Word, Excel, PDF) : "
    "ils sont faits pour cela, pas le fichier Charte."
)


def cloud_service(path: PurePath) -> str | None:
    """The sync client whose folder holds `path` ("OneDrive"…), or None."""
    for part in path.parts[:-1]:  # the folders, not the file itself
        name = part.casefold().strip()
        for folder, service in CLOUD_FOLDERS.items():
            if name == folder and folder not in _NOT_ALONE:
                return service
            if name.startswith(folder) and name[len(folder):].startswith(_CLOUD_SUFFIX_STARTS):
                return service
    return None


def windows_share(path: PureWindowsPath) -> str | None:
    r"""The share of a UNC path ("\\serveur\partage"), None for a local path.

    Extended paths count too: "\\?\UNC\serveur\partage\…" is a share, "\\?\C:\…" is not.
    """
    drive = path.drive
    if not drive.startswith(("\\\\", "//")):
        return None
    parts = drive.replace("/", "\\").lstrip("\\").split("\\")
    if parts[0] in ("?", "."):
        if len(parts) >= 4 and parts[1].upper() == "UNC":
            return "\\\\" + "\\".join(parts[2:4])
        return None
    return drive


def _unescape_mount_field(field: str) -> str:
    r"""/proc/mounts escapes space, tab, newline and backslash as octal (\040…)."""
    for code in ("040", "011", "012", "134"):
        field = field.replace("\\" + code, chr(int(code, 8)))
    return field


def mount_of(path: PurePosixPath, mounts_text: str) -> tuple[str, str, str] | None:
    """(device, mount point, type) of the mount holding `path`: the longest matching one."""
    best: tuple[str, str, str] | None = None
    best_length = -1
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        device, point, kind = (_unescape_mount_field(f) for f in fields[:3])
        mount_point = PurePosixPath(point)
        if path == mount_point or mount_point in path.parents:
            length = len(mount_point.parts)
            if length >= best_length:  # a later mount over the same point hides earlier ones
                best, best_length = (device, point, kind), length
    return best


def network_mount(path: PurePosixPath, mounts_text: str) -> tuple[str, str] | None:
    """(device, type) when `path` is on a network file system, else None."""
    mount = mount_of(path, mounts_text)
    if mount is None:
        return None
    device, _point, kind = mount
    return (device, kind) if kind.lower() in NETWORK_FILE_SYSTEMS else None


def network_message(path: PurePath, where: str) -> str:
    return (
        f"Le fichier « {path} » est sur un partage réseau ({where}). Charte enregistre "
        "dans une base SQLite, qui ne supporte pas d'être ouverte à travers le réseau : "
        "une coupure pendant un enregistrement, ou deux postes qui l'ouvrent en même temps, "
        "peuvent endommager le fichier et faire perdre des données. Déplacez-le sur ce poste "
        f"(par exemple dans Documents), où il est sauvegardé automatiquement. {_SHARE_ADVICE}"
    )


def cloud_message(path: PurePath, service: str) -> str:
    return (
        f"Le fichier « {path} » est dans un dossier synchronisé ({service}). La "
        "synchronisation peut copier le fichier au milieu d'un enregistrement et l'endommager, "
        "ou créer des copies en conflit (par exemple « charte-PC-URBA.sqlite ») entre "
        "lesquelles des modifications se perdent. Déplacez-le hors de ce dossier, sur ce "
        f"poste (par exemple dans Documents). {_SHARE_ADVICE}"
    )


def risk_for(
    path: PurePath,
    *,
    mounts_text: str | None = None,
    drive_is_remote: Callable[[str], bool] | None = None,
) -> str | None:
    """The French warning for `path`, from what is known of the system; None when safe.

    Windows paths: a UNC share, or a drive letter `drive_is_remote` says is a network
    drive. POSIX paths: the mount table's text (/proc/mounts). Both: a synced folder.
    """
    if isinstance(path, PureWindowsPath):
        share = windows_share(path)
        if share is not None:
            return network_message(path, share)
        letter = path.drive[-2:]  # "Z:", also from an extended "\\?\Z:"
        if letter.endswith(":") and drive_is_remote is not None and drive_is_remote(letter):
            return network_message(path, f"lecteur réseau {letter}")
    elif mounts_text is not None:
        found = network_mount(PurePosixPath(path), mounts_text)
        if found is not None:
            device, kind = found
            return network_message(path, f"{device}, {kind}")
    service = cloud_service(path)
    if service is not None:
        return cloud_message(path, service)
    return None


def _windows_drive_is_remote(drive: str) -> bool:
    """Whether a drive letter ("Z:") is a mapped network drive (GetDriveTypeW)."""
    import ctypes

    if len(drive) != 2 or drive[1] != ":":
        return False
    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return False
    return bool(windll.kernel32.GetDriveTypeW(f"{drive}\\") == DRIVE_REMOTE)


def _read_mounts() -> str | None:
    try:
        with open("/proc/mounts", encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:  # not Linux (macOS…): only synced folders are recognised
        return None


def storage_risk(path: Path) -> str | None:
    """A French explanation when `path` is on a network share or in a synced folder.

    None when the place looks safe. Reads only system information, never the file.
    """
    absolute = os.path.abspath(path)
    if sys.platform == "win32":
        return risk_for(PureWindowsPath(absolute), drive_is_remote=_windows_drive_is_remote)
    real = os.path.realpath(absolute)  # a symbolic link to a share is on the share
    return risk_for(PurePosixPath(real), mounts_text=_read_mounts()) or risk_for(
        PurePosixPath(absolute)
    )
