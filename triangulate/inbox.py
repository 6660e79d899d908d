"""List and read the files of an inbox folder.

Listing is recursive and deterministic (sorted POSIX paths relative to the inbox). Hidden files and
folders (any path part starting with ".") are skipped, symbolic links to folders are not followed, and
manifests at the inbox root are listed apart from articles. Reading never raises for a bad file: it
returns the bytes or a ``Rejection`` with a quarantine reason.
"""

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from triangulate.decoding import Rejection
from triangulate.manifest import MANIFEST_NAMES

DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024


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
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        relative_folder = Path(folder).relative_to(root)
        for name in names:
            if name.startswith("."):
                continue
            relative = (relative_folder / name).as_posix()
            (manifests if relative in MANIFEST_NAMES else files).append(relative)
    return InboxListing(root=root, files=sorted(files), manifests=sorted(manifests))


def read_inbox_file(root: Path, relative: str, *, max_bytes: int) -> bytes | Rejection:
    """Return the bytes of one listed file, or why it cannot be read (``too_large`` or ``unreadable``)."""
    path = root / relative
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Rejection("too_large", f"{size} bytes is over the limit of {max_bytes} bytes")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        return Rejection("unreadable", "file vanished between listing and reading")
    except OSError as error:
        return Rejection("unreadable", f"{type(error).__name__}: {error.strerror or error}")
    if len(data) > max_bytes:
        return Rejection("too_large", f"grew past the limit of {max_bytes} bytes while being read")
    return data


def inbox_fingerprint(listing: InboxListing) -> str:
    """Return a hash of every listed path with its size and modification time (changes when files do)."""
    digest = hashlib.sha256()
    for relative in [*listing.manifests, *listing.files]:
        try:
            status = (listing.root / relative).stat()
            digest.update(f"{relative}\x1f{status.st_size}\x1f{status.st_mtime_ns}\n".encode())
        except OSError:
            digest.update(f"{relative}\x1fgone\n".encode())
    return digest.hexdigest()
