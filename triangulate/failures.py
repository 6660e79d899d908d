"""Per-document fault isolation: what a stage records when one document raises, so the others go on.

A stage that processes documents one by one catches what one document raises and keeps a
``DocumentFailure`` for it: the stage, the exception's class and message. The
document is left out of that stage's output (a later run tries it again); nothing else changes.
"""

from dataclasses import dataclass

MAX_MESSAGE_CHARS = 2000


@dataclass(frozen=True)
class DocumentFailure:
    """One document a stage could not process."""

    doc_id: str
    stage: str
    error_class: str
    error_message: str


def failure_of(*, doc_id: str, stage: str, error: Exception) -> DocumentFailure:
    """Describe ``error``, raised while ``stage`` processed ``doc_id`` (a message is never empty)."""
    message = str(error).strip() or repr(error)
    return DocumentFailure(
        doc_id=doc_id, stage=stage, error_class=type(error).__name__, error_message=message[:MAX_MESSAGE_CHARS]
    )
