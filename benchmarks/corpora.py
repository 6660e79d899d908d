"""Read ECB+ and TempEval-3 silver articles as plain text, and write them as an inbox the pipeline reads.

Only readers live here (the measurements are in ``benchmarks.conflicts_bench``). Both corpora are read
from ``../shared/eval`` at benchmark time and written to a temporary folder, never into the project.

- ECB+ files are tokenised XML, read as the corpus importer reads them
  (``triangulate.corpus_formats.read_ecbplus``: tokens joined with the spacing of written English, one
  line per sentence). The file name gives the topic and the event: ``<topic>_<n>ecb.xml`` reports one
  event, ``<topic>_<n>ecbplus.xml`` another event of the same kind. No manifest: dates and outlets are
  whatever the pipeline infers from the text, as for any folder of saved pages.
- TempEval-3 silver files are TimeML: the creation time (``<DCT>``) is the publication date, the agency
  (``AFP_ENG_...``, ``XIN_ENG_...``) the outlet; both go to the inbox's manifest with the title.
"""

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks.timebank import parse_timeml
from triangulate.corpus_formats import read_ecbplus

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
ECBPLUS = EVAL / "ecbplus"
TE3_SILVER = EVAL / "te3-silver"
AGENCIES = {"AFP": "Agence France-Presse", "XIN": "Xinhua", "APW": "Associated Press", "NYT": "New York Times"}
_ECB_NAME = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")


@dataclass(frozen=True)
class CorpusDocument:
    """One article: its file name in the inbox, text, and what the corpus says about it."""

    name: str
    text: str
    group: str  # ECB+: "<topic>/<ecb|ecbplus>"; te3: the agency
    title: str | None = None
    published: date | None = None
    outlet: str | None = None


def load_ecbplus(folder: Path = ECBPLUS) -> list[CorpusDocument]:
    """Every ECB+ article, sorted by topic and file name."""
    if not folder.is_dir():
        raise FileNotFoundError(f"ECB+ not found at {folder} (expected ../shared/eval/ecbplus)")
    documents = []
    for path in sorted(folder.glob("*/*.xml")):
        match = _ECB_NAME.match(path.name)
        if match is None:
            continue
        topic, _, event = match.groups()
        documents.append(
            CorpusDocument(
                name=path.name[:-4] + ".txt",
                text=read_ecbplus(markup=path.read_text(encoding="utf-8")),
                group=f"{topic}/{event}",
            )
        )
    return documents


def load_te3_silver(folder: Path = TE3_SILVER) -> list[CorpusDocument]:
    """Every TempEval-3 silver article with its title, creation date and agency."""
    if not folder.is_dir():
        raise FileNotFoundError(f"TempEval-3 silver not found at {folder} (expected ../shared/eval/te3-silver)")
    documents = []
    for path in sorted(folder.glob("*.tml")):
        markup = path.read_text(encoding="utf-8")
        parsed = parse_timeml(doc_id=path.stem, markup=markup)
        title = re.search(r"<TITLE>(.*?)</TITLE>", markup, re.DOTALL)
        agency = path.name.split("_")[0]
        documents.append(
            CorpusDocument(
                name=path.stem + ".txt",
                text=parsed.text.strip() + "\n",
                group=agency,
                title=None if title is None else re.sub(r"<[^>]+>", "", title.group(1)).strip(),
                published=parsed.created,
                outlet=AGENCIES.get(agency, agency),
            )
        )
    return documents


def write_inbox(documents: list[CorpusDocument], inbox: Path) -> None:
    """Write the articles as text files, with a manifest when the corpus gives dates, outlets or titles."""
    inbox.mkdir(parents=True, exist_ok=True)
    for document in documents:
        (inbox / document.name).write_text(document.text, encoding="utf-8")
    rows = [d for d in documents if d.published or d.outlet or d.title]
    if not rows:
        return
    with (inbox / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["path", "outlet", "published_at", "title"])
        for d in rows:
            writer.writerow([d.name, d.outlet or "", d.published.isoformat() if d.published else "", d.title or ""])
