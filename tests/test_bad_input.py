"""Each bad input: a one-line message naming it, the batch goes on, nothing stored is touched."""

from pathlib import Path

import pytest

from bilat import api
from bilat.ingest.run import IngestReport
from bilat.store.db import Store
from conftest import ARTICLE, fingerprint, write

FRENCH = (
    "Le ministre indien de la Défense a rencontré son homologue russe à New Delhi. Les deux "
    "ministres ont signé le protocole de la commission et ont discuté des livraisons du "
    "système S-400 ainsi que de la production conjointe de pièces détachées."
)

BAD_INPUTS = {
    "empty": ("empty.txt", b"   \n\n  ", "empty: no text to read"),
    "binary": ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary data, not text"),
    "latin1": ("latin.txt", ("Scorpène " + ARTICLE).encode("latin-1"), "not valid UTF-8"),
    "html-without-text": (
        "broken.html",
        b"<html><body><div><p><span></div></td><script>x()",
        "no article text found in the HTML",
    ),
    "not-english": (
        "french.txt",
        FRENCH.encode(),
        "written in French (fr); bilat reads English only",
    ),
    "jsonl-bad-line": ("feed.jsonl", b'{"text": oops}\n', "not valid JSON"),
}


@pytest.fixture
def stored(store: Store, corpus: Path) -> tuple[Store, str]:
    report = api.ingest(store, [str(corpus / "ir-02-irigc-held.txt")])
    assert report.stored == 1
    return store, fingerprint(store)


def _single_failure(report: IngestReport, origin: str, reason: str) -> None:
    failures = [o for o in report.outcomes if o.status == "failed"]
    assert len(failures) == 1, report.outcomes
    assert failures[0].origin.startswith(origin)
    assert reason in failures[0].detail
    assert "\n" not in failures[0].detail  # one line


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_reported_and_the_batch_goes_on(
    case: str, stored: tuple[Store, str], tmp_path: Path
) -> None:
    store, before = stored
    name, content, reason = BAD_INPUTS[case]
    bad = write(tmp_path / name, content)
    good = write(tmp_path / "good.txt", ARTICLE)
    report = api.ingest(store, [str(bad), str(good)])
    _single_failure(report, str(bad), reason)
    assert report.stored == 1  # the rest of the batch went on
    assert api.totals(store)["documents"] == 2
    assert fingerprint(store) != before  # only the good article was added


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_leaves_the_store_untouched(
    case: str, stored: tuple[Store, str], tmp_path: Path
) -> None:
    store, before = stored
    name, content, reason = BAD_INPUTS[case]
    report = api.ingest(store, [str(write(tmp_path / name, content))])
    _single_failure(report, str(tmp_path / name), reason)
    assert fingerprint(store) == before


def test_huge_file_is_refused_before_reading(stored: tuple[Store, str], tmp_path: Path) -> None:
    store, before = stored
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper
    report = api.ingest(store, [str(huge)])
    _single_failure(report, str(huge), "too large: 52.4 MB (limit 20.0 MB")
    assert fingerprint(store) == before


@pytest.mark.parametrize("path", ["missing.txt", "dangling-link.txt"])
def test_unreadable_path(path: str, stored: tuple[Store, str], tmp_path: Path) -> None:
    store, before = stored
    target = tmp_path / path
    if path.startswith("dangling"):
        target.symlink_to(tmp_path / "nowhere.txt")
    report = api.ingest(store, [str(target)])
    _single_failure(report, str(target), "no such file or directory")
    assert fingerprint(store) == before


def test_latin1_is_stored_when_the_encoding_is_named(store: Store, tmp_path: Path) -> None:
    latin = write(tmp_path / "latin.txt", ("Scorpène talks. " + ARTICLE).encode("latin-1"))
    report = api.ingest(store, [str(latin)], encoding="cp1252")
    assert report.stored == 1
    (doc_row, _) = api.show(store, report.outcomes[0].document_id or "")
    assert doc_row.text.startswith("Scorpène talks.")


def test_malformed_html_with_text_is_cleaned(store: Store, tmp_path: Path) -> None:
    page = (
        "<html><head><title>Talks</title><script>alert('x')</script></head><body>"
        '<p onclick="steal()">' + ARTICLE + "<p>Officials said more talks <b>would follow"
        "</i> next month in Moscow.</div></table>"
    )
    report = api.ingest(store, [str(write(tmp_path / "messy.html", page))])
    assert report.stored == 1, report.outcomes
    doc_row, _ = api.show(store, report.outcomes[0].document_id or "")
    assert "Rajnath Singh met" in doc_row.text
    assert "alert" not in doc_row.text and "steal" not in doc_row.text and "<" not in doc_row.text
