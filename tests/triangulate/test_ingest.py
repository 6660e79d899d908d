"""The bad-input suite: every inbox file ends up as a document or in quarantine, with the right reason."""

import codecs
import os
import re
import socket
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from triangulate import decoding, document_content, inbox, ingest, page_metadata
from triangulate.ids import doc_id_for, sha256_hex
from triangulate.inbox import inbox_fingerprint, list_inbox
from triangulate.ingest import IngestResult, ingest_inbox, merge_documents

SCANNED_AT = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
ARTICLE = b"Chipmakers rally as export rules ease\n\nShares of chip designers rose 4% on Tuesday.\n"


def _ingest(root: Path, *, max_file_bytes: int = 1_000) -> IngestResult:
    return ingest_inbox(list_inbox(root), scanned_at=SCANNED_AT, max_file_bytes=max_file_bytes)


def _write(root: Path, relative: str, data: bytes) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _outcomes(result: IngestResult) -> dict[str, str]:
    return {row.source_path: row.outcome for row in result.inbox_files}


def _reasons(result: IngestResult) -> dict[str, str]:
    return {row.source_path: row.reason for row in result.quarantine}


def test_bad_input_suite_accounts_for_every_file(tmp_path: Path) -> None:
    _write(tmp_path, "good.txt", ARTICLE)
    _write(tmp_path, "zero.txt", b"")
    _write(tmp_path, "blank.txt", b"  \n\n\t ")
    _write(tmp_path, "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _write(tmp_path, "latin1.txt", "Café growth in São Paulo: prices up 3%.\n".encode("latin-1"))
    _write(tmp_path, "windows.txt", codecs.BOM_UTF8 + b"Title line\r\nBody line one.\r\nBody line two.\r\n")
    _write(tmp_path, "big.txt", b"x" * 1_001)
    _write(tmp_path, "sub/dir/copy.txt", ARTICLE)
    _write(tmp_path, ".hidden.txt", ARTICLE)
    _write(tmp_path, ".git/config", b"[core]")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing-target.txt")

    result = _ingest(tmp_path)

    assert _outcomes(result) == {
        "big.txt": "quarantine",
        "blank.txt": "quarantine",
        "dangling.txt": "quarantine",
        "good.txt": "document",
        "image.png": "quarantine",
        "latin1.txt": "document",
        "sub/dir/copy.txt": "document",
        "windows.txt": "document",
        "zero.txt": "quarantine",
    }
    assert _reasons(result) == {
        "big.txt": "too_large",
        "blank.txt": "empty",
        "dangling.txt": "broken_link",
        "image.png": "binary",
        "zero.txt": "empty",
    }
    by_path = {doc.source_path: doc for doc in result.documents}
    assert by_path["latin1.txt"].text == "Café growth in São Paulo: prices up 3%.\n"
    assert by_path["windows.txt"].text == "Title line\nBody line one.\nBody line two.\n"
    assert by_path["windows.txt"].encoding == "utf-8-bom"
    assert by_path["good.txt"].source_paths == ["good.txt", "sub/dir/copy.txt"]
    assert len(result.documents) == 3


def test_identical_content_is_one_document_with_both_paths(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", ARTICLE)
    _write(tmp_path, "b.txt", ARTICLE)
    result = _ingest(tmp_path)
    (document,) = result.documents
    assert document.source_paths == ["a.txt", "b.txt"]
    assert document.content_sha256 == sha256_hex(ARTICLE)
    assert document.doc_id == doc_id_for(content_sha256=document.content_sha256)
    assert {row.doc_id for row in result.inbox_files} == {document.doc_id}
    assert [b.content for b in result.document_bytes] == [ARTICLE]


def test_file_vanishing_between_listing_and_reading_is_quarantined(tmp_path: Path) -> None:
    _write(tmp_path, "here.txt", ARTICLE)
    _write(tmp_path, "gone.txt", ARTICLE + b"more")
    listing = list_inbox(tmp_path)
    (tmp_path / "gone.txt").unlink()
    result = ingest_inbox(listing, scanned_at=SCANNED_AT, max_file_bytes=1_000)
    assert _reasons(result) == {"gone.txt": "unreadable"}
    assert "vanished" in result.quarantine[0].detail


def test_manifest_metadata_and_bad_rows(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", ARTICLE)
    _write(tmp_path, "b.txt", b"Another story\nWith a body line.\n")
    _write(
        tmp_path,
        "manifest.csv",
        b"path,url,outlet,published_at,language,title\n"
        b"a.txt,https://www.reuters.com/x,Reuters,2025-08-27T09:30:00+08:00,en,Given title\n"
        b"b.txt,,,not a date,en,\n"
        b"missing.txt,https://example.com/m,,2025-01-01,,\n",
    )
    result = _ingest(tmp_path)
    by_path = {doc.source_path: doc for doc in result.documents}
    a = by_path["a.txt"]
    assert (a.url, a.url_source, a.outlet, a.outlet_source) == (
        "https://www.reuters.com/x",
        "manifest",
        "Reuters",
        "manifest",
    )
    assert a.published_at == datetime(2025, 8, 27, 1, 30, tzinfo=UTC)
    assert a.published_at_source == "manifest"
    assert (a.title, a.title_source, a.language, a.language_source) == ("Given title", "manifest", "en", "manifest")
    b = by_path["b.txt"]
    assert b.published_at is None
    assert b.published_at_source == "unknown"
    assert b.title == "Another story"
    assert b.title_source == "inferred"
    bad = sorted((q.source_path, q.reason) for q in result.quarantine)
    assert bad == [("manifest.csv:3", "bad_manifest"), ("manifest.csv:4", "bad_manifest")]
    assert _outcomes(result)["manifest.csv"] == "manifest"


def test_no_manifest_and_no_evidence_means_unknown_not_today(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", ARTICLE)
    (document,) = _ingest(tmp_path).documents
    assert document.published_at is None
    assert document.published_at_source == "unknown"
    assert document.published_at_evidence is None
    assert (document.url, document.outlet, document.language) == (None, None, None)


def test_changed_file_keeps_old_version(tmp_path: Path) -> None:
    _write(tmp_path, "story.txt", ARTICLE)
    first = _ingest(tmp_path).documents
    _write(tmp_path, "story.txt", ARTICLE + b"Update: shares later fell 1%.\n")
    later = datetime(2026, 1, 3, tzinfo=UTC)
    second = ingest_inbox(list_inbox(tmp_path), scanned_at=later, max_file_bytes=1_000).documents
    merged = merge_documents(first, second)
    assert len(merged) == 2
    current = {doc.doc_id: doc.is_current for doc in merged}
    assert current == {first[0].doc_id: False, second[0].doc_id: True}
    assert all(doc.source_path == "story.txt" for doc in merged)


def test_rerun_keeps_first_ingestion_time_and_ids(tmp_path: Path) -> None:
    _write(tmp_path, "story.txt", ARTICLE)
    first = _ingest(tmp_path).documents
    _write(tmp_path, "copy.txt", ARTICLE)
    again = ingest_inbox(list_inbox(tmp_path), scanned_at=datetime(2026, 2, 1, tzinfo=UTC), max_file_bytes=1_000)
    (merged,) = merge_documents(first, again.documents)
    assert merged.doc_id == first[0].doc_id
    assert merged.ingested_at == SCANNED_AT
    assert merged.source_paths == ["copy.txt", "story.txt"]


def test_fingerprint_changes_when_files_change(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", ARTICLE)
    before = inbox_fingerprint(list_inbox(tmp_path))
    assert before == inbox_fingerprint(list_inbox(tmp_path))
    _write(tmp_path, "b.txt", ARTICLE)
    assert inbox_fingerprint(list_inbox(tmp_path)) != before


def _finishes(work: Callable[[], object], *, unblock: Path) -> object:
    """Run ``work`` in a thread; if it is still blocked on the FIFO ``unblock`` after a while, release it."""
    results: list[object] = []
    thread = threading.Thread(target=lambda: results.append(work()), daemon=True)
    thread.start()
    thread.join(timeout=20)
    blocked = thread.is_alive()
    if blocked:
        os.close(os.open(unblock, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(timeout=20)
    assert not blocked, "reading the inbox blocked on a FIFO"
    return results[0]


def test_inbox_is_a_boundary_links_out_and_special_files_are_never_opened(tmp_path: Path) -> None:
    root, outside = tmp_path / "inbox", tmp_path / "outside"
    _write(outside, "secret.txt", b"Outside the inbox\nroot:x:0:0:root:/root:/bin/bash\n")
    _write(outside, "folder/story.txt", ARTICLE)
    _write(root, "real/story.txt", ARTICLE)
    (root / "passwd.txt").symlink_to(outside / "secret.txt")
    (root / "relative.txt").symlink_to(Path("..") / "outside" / "secret.txt")
    (root / "inside.txt").symlink_to(root / "real" / "story.txt")
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    (root / "linked-folder").symlink_to(outside / "folder", target_is_directory=True)
    (root / "manifest.csv").symlink_to(outside / "secret.txt")
    os.mkfifo(root / "pipe.txt")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(root / "socket.txt"))
    try:
        result = _finishes(lambda: _ingest(root), unblock=root / "pipe.txt")
    finally:
        server.close()
    assert isinstance(result, IngestResult)
    assert _reasons(result) == {
        "dangling.txt": "broken_link",
        "linked-folder": "outside_inbox",
        "manifest.csv": "outside_inbox",
        "passwd.txt": "outside_inbox",
        "pipe.txt": "not_a_regular_file",
        "relative.txt": "outside_inbox",
        "socket.txt": "not_a_regular_file",
    }
    (document,) = result.documents
    assert document.source_paths == ["inside.txt", "real/story.txt"]
    assert all("root:x" not in doc.text for doc in result.documents)
    details = {row.source_path: row.detail for row in result.quarantine}
    assert "FIFO" in details["pipe.txt"] and "socket" in details["socket.txt"]
    assert set(_outcomes(result)) == {*_reasons(result), "inside.txt", "real/story.txt"}


def test_fingerprint_does_not_open_a_fifo(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", ARTICLE)
    os.mkfifo(tmp_path / "pipe.txt")
    fingerprint = _finishes(lambda: inbox_fingerprint(list_inbox(tmp_path)), unblock=tmp_path / "pipe.txt")
    assert fingerprint == inbox_fingerprint(list_inbox(tmp_path))


@pytest.mark.parametrize("stage", ["read", "decode", "describe"])
def test_one_failing_file_is_quarantined_and_the_others_are_ingested(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    _write(tmp_path, "a.txt", ARTICLE)
    _write(tmp_path, "cursed.txt", b"Cursed headline here\nThis body makes one stage fail.\n")
    _write(tmp_path, "z.txt", b"Another headline here\nA second healthy article.\n")

    def fail_if_cursed(value: str | bytes) -> None:
        if "ursed" in (value.decode() if isinstance(value, bytes) else value):
            raise RuntimeError("injected failure")

    if stage == "read":
        real_read = inbox.read_inbox_file

        def read(root: Path, relative: str, *, max_bytes: int) -> object:
            fail_if_cursed(relative)
            return real_read(root, relative, max_bytes=max_bytes)

        monkeypatch.setattr(ingest, "read_inbox_file", read)
    elif stage == "decode":
        real_decode = decoding.decode_document

        def decode(data: bytes) -> object:
            fail_if_cursed(data)
            return real_decode(data)

        monkeypatch.setattr(document_content, "decode_document", decode)
    else:
        real_title = page_metadata.find_title

        def title(text: str, *, widget_patterns: list[re.Pattern[str]]) -> object:
            fail_if_cursed(text)
            return real_title(text, widget_patterns=widget_patterns)

        monkeypatch.setattr(ingest, "find_title", title)
    result = _ingest(tmp_path)
    assert sorted(doc.source_path for doc in result.documents) == ["a.txt", "z.txt"]
    (failed,) = result.quarantine
    assert (failed.source_path, failed.reason) == ("cursed.txt", "ingest_failed")
    assert failed.detail == f"{stage}: RuntimeError: injected failure"
    assert _outcomes(result)["cursed.txt"] == "quarantine"


def test_manifest_that_breaks_its_reader_is_quarantined_and_articles_still_go_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, "a.txt", ARTICLE)
    _write(tmp_path, "manifest.csv", b"path,title\na.txt,Given\n")

    def broken(sources: object, *, month_names: object) -> None:
        raise ValueError("injected failure")

    monkeypatch.setattr(ingest, "read_manifest", broken)
    result = _ingest(tmp_path)
    (document,) = result.documents
    assert document.title_source == "inferred"
    assert [(q.source_path, q.reason, q.detail) for q in result.quarantine] == [
        ("manifest.csv", "ingest_failed", "read: ValueError: injected failure")
    ]
