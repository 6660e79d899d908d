"""Stable, content-derived identifiers.

Ids are derived from content hashes so that a rerun on the same input produces the same ids.
"""

import hashlib

DOC_ID_PREFIX = "doc_"
DOC_ID_HEX_CHARS = 16


def sha256_hex(data: bytes) -> str:
    """Return the SHA-256 hex digest of ``data``."""
    return hashlib.sha256(data).hexdigest()


def doc_id_for(*, content_sha256: str) -> str:
    """Return the document id for a content hash: ``doc_`` plus its first 16 hex characters."""
    return DOC_ID_PREFIX + content_sha256[:DOC_ID_HEX_CHARS]
