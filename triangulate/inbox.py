"""List and read the files of an inbox folder.

Listing is recursive and deterministic (sorted POSIX paths relative to the inbox). Hidden files and
folders (any path part starting with ".") are skipped, and manifests at the inbox root are listed apart
from articles. Symbolic links to folders are listed as entries (and quarantined when read), never walked.

The inbox is a boundary. Before a file is opened, its real path (every link resolved) must stay inside the
inbox and be a regular file: a link leading out is ``outside_inbox``, a link to nothing ``broken_link``,
and a FIFO, device, socket or folder ``not_a_regular_file``; none of them is opened. The file is then
opened without following a link and without blocking, and checked again on the open descriptor. Reading
never raises for a bad file: it returns the bytes or a ``Rejection`` with a quarantine reason.
"""

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from triangulate.decoding import Rejection
from triangulate.manifest import MANIFEST_NAMES

DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
_FILE_KINDS = (
    (stat.S_ISDIR, "folder"),
    (stat.S_ISFIFO, "FIFO (named pipe)"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)


class InboxError(ValueError):
    """The inbox folder itself is missing or not a folder."""


@dataclass(frozen=True)
class InboxListing:
    """Article files and manifests found in an inbox, as sorted paths relative to its root."""

    root: Path
    files: list[str]
    manifests: list[str]


def list_inbox(root: Path) -> InboxListing:
    """List the inbox under ``root``; raise ``InboxError`` when it is not a readable folder."""
    if not root.is_dir():
        raise InboxError(f"inbox {root} does not exist or is not a folder (set TRIANGULATE_INBOX)")
    files: list[str] = []
    manifests: list[str] = []
    for folder, subfolders, names in os.walk(root):
        linked = [name for name in subfolders if (Path(folder) / name).is_symlink()]
        subfolders[:] = sorted(name for name in subfolders if not name.startswith(".") and name not in linked)
        relative_folder = Path(folder).relative_to(root)
        for name in [*names, *linked]:
            if name.startswith("."):
                continue
            relative = (relative_folder / name).as_posix()
            (manifests if relative in MANIFEST_NAMES else files).append(relative)
    return InboxListing(root=root, files=sorted(files), manifests=sorted(manifests))


def _check_path(root: Path, relative: str) -> Path | Rejection:
    """Return the real path of a listed file when it may be opened, else why not (without opening it)."""
    path = root / relative
    path.lstat()  # FileNotFoundError when the entry itself vanished
    if not path.exists():
        return Rejection("broken_link", f"a link to {path.readlink()}, which does not exist (or a loop of links)")
    real_root = root.resolve()
    real = path.resolve()
    if not real.is_relative_to(real_root):
        return Rejection("outside_inbox", f"a link to {real}, outside the inbox {real_root}")
    mode = real.stat().st_mode
    if not stat.S_ISREG(mode):
        return Rejection("not_a_regular_file", f"a {_kind(mode)}, not a regular file")
    return real


def _kind(mode: int) -> str:
    return next((name for test, name in _FILE_KINDS if test(mode)), "special file")


def read_inbox_file(root: Path, relative: str, *, max_bytes: int) -> bytes | Rejection:
    """Return the bytes of one listed file, or why it cannot be read.

    Reasons: ``outside_inbox``, ``broken_link``, ``not_a_regular_file`` (decided before opening),
    ``too_large`` and ``unreadable``.
    """
    try:
        real = _check_path(root, relative)
        if isinstance(real, Rejection):
            return real
        descriptor = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode):
                return Rejection("not_a_regular_file", f"a {_kind(status.st_mode)}, not a regular file")
            if status.st_size > max_bytes:
                return Rejection("too_large", f"{status.st_size} bytes is over the limit of {max_bytes} bytes")
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        return Rejection("unreadable", "file vanished between listing and reading")
    except OSError as error:
        return Rejection("unreadable", f"{type(error).__name__}: {error.strerror or error}")
    if len(data) > max_bytes:
        return Rejection("too_large", f"grew past the limit of {max_bytes} bytes while being read")
    return data


def inbox_fingerprint(listing: InboxListing) -> str:
    """Return a hash of every listed path with its size and modification time (changes when files do).

    Only metadata is read (``lstat``, nothing is opened), so a FIFO in the inbox cannot block it.
    """
    digest = hashlib.sha256()
    for relative in [*listing.manifests, *listing.files]:
        try:
            status = os.lstat(listing.root / relative)
            digest.update(f"{relative}\x1f{status.st_size}\x1f{status.st_mtime_ns}\n".encode())
        except OSError:
            digest.update(f"{relative}\x1fgone\n".encode())
    return digest.hexdigest()
