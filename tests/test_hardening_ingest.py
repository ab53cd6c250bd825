"""Issue 9: one bad input never costs the batch.

Whatever one input raises becomes its own one-line ``failed:`` outcome, every other input of
the batch is stored, and nothing is stored for the bad one.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from typer.testing import CliRunner

from bilat import api
from bilat.analyze import read
from bilat.analyze.pipeline import nlp
from bilat.cli import app
from bilat.ingest.decode import decode, normalise, utf16_without_bom
from bilat.ingest.document import MAX_CHARS, build_document
from bilat.ingest.loaders import input_file
from bilat.ingest.run import IngestReport
from bilat.ingest.sections import MAX_BLOCK_CHARS, bounded, split_blocks
from bilat.models import Block, SourceText
from bilat.store import schema
from bilat.store.db import Store
from conftest import ARTICLE, write

runner = CliRunner()
_serial = itertools.count()


def article(n: int) -> str:
    """A distinct good article (its own document id)."""
    return f"{ARTICLE} Officials said the next round of talks would open on day {n}."


def goods(folder: Path, count: int = 2) -> list[Path]:
    return [write(folder / f"good{n}.txt", article(n)) for n in range(count)]


def origins(store: Store) -> set[str]:
    with store.read() as conn:
        return set(conn.execute(select(schema.documents.c.origin)).scalars())


def failures(report: IngestReport) -> dict[str, str]:
    found = {o.origin: o.detail for o in report.outcomes if o.status == "failed"}
    assert all("\n" not in d for d in found.values())  # one line each
    return found


def bilat(db_url: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", db_url, *args])
    return result.exit_code, result.output


def prose(chars: int) -> str:
    """Plain sentences on one line, ``chars`` characters long."""
    sentences = (
        f"Delegation {n} from New Delhi reviewed spare parts and training schedules."
        for n in itertools.count()
    )
    text = ""
    while len(text) < chars:
        text += " ".join(itertools.islice(sentences, 500)) + " "
    return text[:chars]


# 1. over-long lines and documents


def test_huge_single_line_fails_alone_and_the_batch_is_stored(db_url: str, tmp_path: Path) -> None:
    first, second = goods(tmp_path)
    huge = write(tmp_path / "huge.txt", prose(1_200_000))
    code, output = bilat(db_url, "ingest", str(first), str(huge), str(second))
    assert code == 1, output
    assert (
        f"failed: {huge}: too long: 1,200,000 characters (limit {MAX_CHARS:,} per document"
        in output
    )
    assert "2 stored, 0 skipped, 1 failed" in output
    store = api.open(db_url)
    assert origins(store) == {str(first), str(second)}
    store.close()


def test_bounded_cuts_at_sentence_ends_then_spaces_then_hard() -> None:
    text = prose(35_000)
    pieces = list(bounded(text, 0, len(text)))
    assert len(pieces) >= 4
    assert all(0 < end - start <= MAX_BLOCK_CHARS for start, end in pieces)
    assert all(text[end - 1] == "." for _, end in pieces[:-1])  # sentence ends
    covered = sum(e - s for s, e in pieces) + len(pieces) - 1  # one space between pieces
    assert covered == len(text.rstrip())
    run_on = "x" * 25_000
    assert list(bounded(run_on, 0, len(run_on))) == [
        (0, 10_000),
        (10_000, 20_000),
        (20_000, 25_000),
    ]
    words = "spare " * 4000
    spans = list(bounded(words, 0, len(words.rstrip())))
    assert all(words[s:e].startswith("spare") and words[s:e].endswith("spare") for s, e in spans)


def test_long_line_blocks_keep_their_offsets() -> None:
    text = normalise("Heading Of The Piece\n" + prose(25_000) + "\nA closing line of the article.")
    blocks = split_blocks(text)
    assert len(blocks) >= 5
    assert all(b.end - b.start <= MAX_BLOCK_CHARS for b in blocks)
    assert {b.section for b in blocks[1:-1]} == {"body"}
    for block in blocks:
        piece = text[block.start : block.end]
        assert piece == piece.strip() and piece


def test_long_line_is_cut_before_spacy(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # with a pipeline that refuses texts over 12,000 characters, a 30,000-character line
    # is still read: it reaches spaCy in pieces, and every sentence keeps its offsets
    monkeypatch.setattr(nlp(), "max_length", 12_000)
    (good,) = goods(tmp_path, 1)
    long_line = write(tmp_path / "long.txt", prose(30_000))
    report = api.ingest(store, [str(long_line), str(good)])
    assert report.stored == 2, report.outcomes
    doc_id = report.outcomes[0].document_id or ""
    doc, _ = api.show(store, doc_id)
    with store.read() as conn:
        s = schema.sentences
        rows = conn.execute(
            select(s.c.start_char, s.c.end_char, s.c.text, s.c.block).where(
                s.c.document_id == doc_id
            )
        ).all()
    assert len({r.block for r in rows}) >= 3
    assert all(doc.text[r.start_char : r.end_char] == r.text for r in rows)
    assert rows[-1].end_char == len(doc.text)


# 2. JSONL records and sidecars of the wrong types


def _feed_lines(tmp_path: Path) -> tuple[list[str], dict[int, str]]:
    deep = "[" * 100_000 + "]" * 100_000
    lines = [
        json.dumps({"text": article(0), "title": "One"}),
        json.dumps({"text": article(1), "title": 7}),
        json.dumps({"text": article(2), "language": 5}),
        json.dumps({"text": article(3), "body_ends_before": 7}),
        json.dumps({"text": article(4) + "\ud800"}),
        json.dumps({"text": article(5), "title": "T\ud800"}),
        '{"text": "' + article(6) + '", "extra": ' + deep + "}",
        json.dumps({"text": article(7), "title": [[[[["nested"]]]]]}),
        json.dumps({"text": 12, "title": "x"}),
        json.dumps({"text": article(8), "published": 20251204}),
        json.dumps({"text": article(9), "source": "Wire\u2028Daily"}, ensure_ascii=False),
        json.dumps({"text": article(10), "title": "Nul\u0000 title\x1b"}),
    ]
    bad = {
        2: 'field "title" must be a string, not a number',
        3: 'field "language" must be a string, not a number',
        4: 'field "body_ends_before" must be a string, not a number',
        5: 'field "text" holds a lone surrogate \\ud800',
        6: 'field "title" holds a lone surrogate \\ud800 at character 1',
        7: "not valid JSON (nested too deeply)",
        8: 'field "title" must be a string, not an array',
        9: 'field "text" must be a string, not a number',
        10: 'field "published" must be a string, not a number',
    }
    return lines, bad


def test_jsonl_wrong_types_fail_alone_and_the_feed_is_stored(store: Store, tmp_path: Path) -> None:
    lines, bad = _feed_lines(tmp_path)
    feed = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    report = api.ingest(store, [str(feed)])
    failed = failures(report)
    assert set(failed) == {f"{feed}:{n}" for n in bad}
    for n, reason in bad.items():
        assert failed[f"{feed}:{n}"].startswith(reason), failed[f"{feed}:{n}"]
    assert report.stored == 3
    assert origins(store) == {f"{feed}:1", f"{feed}:11", f"{feed}:12"}
    rows = {
        o.origin: api.show(store, o.document_id or "")[0] for o in report.outcomes if o.document_id
    }
    assert rows[f"{feed}:11"].source == "Wire\u2028Daily"  # a raw U+2028 is not a line break
    assert rows[f"{feed}:12"].title == "Nul title"  # control characters never reach the store
    # a rerun reaches the same lines again, without crashing
    again = api.ingest(store, [str(feed)])
    assert (again.stored, again.skipped, again.failed) == (0, 3, len(bad))


def test_jsonl_bad_line_far_down_is_named_by_its_number(db_url: str, tmp_path: Path) -> None:
    feed = write(
        tmp_path / "feed.jsonl",
        json.dumps({"text": article(1)})
        + "\n" * 9000
        + json.dumps({"text": article(2), "title": 7})
        + "\n"
        + json.dumps({"text": article(3)})
        + "\n",
    )
    code, output = bilat(db_url, "ingest", str(feed))
    assert code == 1
    assert f'failed: {feed}:9001: field "title" must be a string, not a number' in output
    assert "2 stored, 0 skipped, 1 failed" in output


def test_sidecar_with_a_wrong_type_fails_its_article_only(store: Store, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", article(1))
    sidecar = write(tmp_path / "a.json", json.dumps({"title": 123}))
    write(tmp_path / "b.txt", article(2))
    write(tmp_path / "b.json", json.dumps({"title": "Talks in Delhi", "source": "Wire"}))
    report = api.ingest(store, [str(tmp_path)])
    assert failures(report) == {str(sidecar): 'field "title" must be a string, not a number'}
    assert origins(store) == {str(tmp_path / "b.txt")}


# 3. file names that are not UTF-8


def test_file_name_with_a_non_utf8_byte_is_stored_with_an_escaped_origin(
    store: Store, tmp_path: Path
) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"bad\xff.txt")
    with open(raw, "wb") as f:
        f.write(article(1).encode())
    write(tmp_path / "empty\xe9.txt", "")
    (good,) = goods(tmp_path / "more", 1)
    escaped = f"{tmp_path}/bad\\xff.txt"
    report = api.ingest(store, [os.fsdecode(raw), str(tmp_path / "empty\xe9.txt"), str(good)])
    assert report.stored == 2, report.outcomes
    assert origins(store) == {escaped, str(good)}
    assert failures(report) == {str(tmp_path / "empty\xe9.txt"): "empty: no text to read"}
    # walking the folder finds the same file under the same name
    again = api.ingest(store, [str(tmp_path)])
    assert (escaped, "skipped") in {(o.origin, o.status) for o in again.outcomes}


# 4. folders and files that cannot be read


def _refuse(monkeypatch: pytest.MonkeyPatch, target: Path, stat_too: bool = False) -> None:
    """Make ``target`` unreadable even for root: listing it is refused (and its status,
    as when its parent folder cannot be searched, with ``stat_too``)."""
    real_scandir, real_stat = os.scandir, Path.stat

    def scandir(path: Any = ".") -> Any:
        if os.fspath(path) == str(target):
            raise PermissionError(13, "Permission denied", str(target))
        return real_scandir(path)

    def stat(self: Path, **kwargs: Any) -> os.stat_result:
        if stat_too and str(self) == str(target):
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(Path, "stat", stat)


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "locked"
    write(folder / "inside.txt", article(9))
    folder.chmod(0)
    yield folder
    folder.chmod(0o755)


def test_unreadable_folder_is_a_failure_naming_it(
    db_url: str, tmp_path: Path, locked: Path
) -> None:
    if os.access(locked, os.R_OK):
        pytest.skip("this user can read a chmod 000 folder (root)")
    (good,) = goods(tmp_path / "open", 1)
    code, output = bilat(db_url, "ingest", str(locked), str(good))
    assert code == 1, output
    assert f"failed: {locked}: cannot list folder: permission denied" in output
    assert "1 stored, 0 skipped, 1 failed" in output


def test_folder_that_cannot_be_listed_is_a_failure(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = tmp_path / "in"
    good_files = goods(top)
    write(top / "sub" / "hidden.txt", article(7))
    _refuse(monkeypatch, top / "sub")
    code, output = bilat(db_url, "ingest", str(top))
    assert code == 1, output
    assert f"failed: {top / 'sub'}: cannot list folder: permission denied" in output
    assert "2 stored, 0 skipped, 1 failed" in output
    store = api.open(db_url)
    assert origins(store) == {str(p) for p in good_files}
    store.close()
    # a folder that cannot be listed at all was "0 stored, 0 skipped, 0 failed" and exit 0
    _refuse(monkeypatch, top)
    code, output = bilat(db_url, "ingest", str(top))
    assert code == 1 and "0 stored, 0 skipped, 1 failed" in output
    assert f"failed: {top}: cannot list folder: permission denied" in output


def test_unreadable_file_named_on_the_command_line(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = write(tmp_path / "secret.txt", article(5))
    (good,) = goods(tmp_path / "open", 1)
    _refuse(
        monkeypatch, secret, stat_too=True
    )  # as when its folder cannot be searched: stat is refused
    code, output = bilat(db_url, "ingest", str(secret), str(good))
    assert code == 1, output
    assert f"failed: {secret}: permission denied" in output
    assert "1 stored, 0 skipped, 1 failed" in output
    if os.geteuid() != 0:  # for real, where permissions bind
        monkeypatch.undo()
        secret.chmod(0)
        code, output = bilat(db_url, "ingest", str(secret))
        secret.chmod(0o644)
        assert code == 1 and f"failed: {secret}: permission denied" in output


# 5. UTF-16 without a byte-order mark


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded(codec: str, store: Store, tmp_path: Path) -> None:
    text = "Scorpène and S-400 talks “resumed”. " + article(3)
    assert utf16_without_bom(text.encode(codec)) == codec
    assert decode(text.encode(codec), "x") == text
    (good,) = goods(tmp_path, 1)
    wide = write(tmp_path / "wide.txt", text.encode(codec))
    report = api.ingest(store, [str(wide), str(good)])
    assert report.stored == 2, report.outcomes
    doc, _ = api.show(store, report.outcomes[0].document_id or "")
    assert doc.text == normalise(text)


def test_utf16_guess_leaves_other_bytes_alone() -> None:
    assert utf16_without_bom(ARTICLE.encode()) is None
    assert utf16_without_bom(bytes(range(256)) * 8) is None
    assert utf16_without_bom(b"\x01\x00\x02\x00" * 100) is None  # NUL pattern, but controls
    assert utf16_without_bom(ARTICLE.encode("utf-16-le") + b"\x00") is None  # odd length


# 6. one document's analysis failing


class _Fragile:
    """The real pipeline, except that parsing text with ``marker`` raises."""

    def __init__(self, real: Any, marker: str) -> None:
        self.real, self.marker = real, marker

    def pipe(self, items: Iterable[Any], **kwargs: Any) -> Any:
        items = list(items)
        if any(self.marker in (i[0] if isinstance(i, tuple) else i) for i in items):
            raise ValueError("[E999] simulated parser failure")
        return self.real.pipe(items, **kwargs)


def test_one_document_failing_analysis_fails_alone(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = nlp()
    monkeypatch.setattr(read, "nlp", lambda model=None: _Fragile(real, "Zanzibar"))
    real_read = read.read_document

    def read_document(document: Any, docs: Any) -> Any:
        if "Seychelles" in document.text:
            raise KeyError("simulated extraction failure")
        return real_read(document, docs)

    monkeypatch.setattr(read, "read_document", read_document)
    files = goods(tmp_path, 3)
    parser_fails = write(tmp_path / "p.txt", article(5) + " Zanzibar hosted a meeting.")
    reader_fails = write(tmp_path / "r.txt", article(6) + " Seychelles hosted a meeting.")
    batch = [files[0], parser_fails, files[1], reader_fails, files[2]]
    report = api.ingest(store, [str(p) for p in batch])
    assert failures(report) == {
        str(parser_fails): "analysis failed (ValueError: [E999] simulated parser failure)",
        str(reader_fails): "analysis failed (KeyError: 'simulated extraction failure')",
    }
    assert origins(store) == {str(p) for p in files}
    assert [o.status for o in report.outcomes] == ["stored", "failed", "stored", "failed", "stored"]


def test_spacy_refusing_one_document_costs_only_that_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a Document built by hand, with a block longer than spaCy takes: E088 from spaCy itself
    monkeypatch.setattr(nlp(), "max_length", 2_000)
    docs = [build_document(SourceText(f"d{n}", article(n))) for n in range(3)]
    text = prose(3_000)
    too_long = replace(docs[1], text=text, blocks=(Block(0, len(text), "body"),))
    results = list(read.analyze_each([docs[0], too_long, docs[2]]))
    assert isinstance(results[1], read.Failure) and "[E088]" in str(results[1].error)
    assert [type(r).__name__ for r in results] == ["Analysis", "Failure", "Analysis"]
    with pytest.raises(ValueError, match="E088"):
        list(read.analyze([too_long]))


# property: random records and random bytes never escape as exceptions

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["\ud800", "x\udfff", "2025-12-04", "", "en"])
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)
_KEYS = st.sampled_from(
    ["text", "title", "url", "source", "published", "language", "body_ends_before", "x"]
)
_RECORDS = st.dictionaries(_KEYS | st.text(max_size=5), _VALUES, max_size=6).map(json.dumps)
_RAW_LINES = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)
_LINES = st.lists(_RECORDS | _RAW_LINES, max_size=6)
_BLOBS = st.tuples(
    st.sampled_from([b"", b"%PDF-1.4\n", b"<html><body>", b"\xff\xfe", b"\xef\xbb\xbf"]),
    st.binary(max_size=1500),
    st.sampled_from([".txt", ".md", ".html", ".pdf", ""]),
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(lines=_LINES, blob=_BLOBS)
def test_random_records_and_bytes_never_cost_the_batch(
    tmp_path: Path, lines: list[str], blob: tuple[bytes, bytes, str]
) -> None:
    n = next(_serial)
    folder = tmp_path / f"case{n}"
    good = json.dumps({"text": article(1000 + n), "title": f"Round {n}"})
    feed = write(folder / "feed.jsonl", "\n".join([*lines, good]) + "\n")
    prefix, body, suffix = blob
    blob_path = write(folder / f"blob{suffix}", prefix + body)
    (good_file,) = [write(folder / "good.txt", article(2000 + n))]
    store = api.open(f"sqlite:///{tmp_path / 'h.db'}")
    try:
        report = api.ingest(store, [str(feed), str(blob_path), str(good_file)])
        stored = origins(store)
    finally:
        store.close()
    by_file: dict[str, list[str]] = {}
    for outcome in report.outcomes:
        assert "\n" not in outcome.detail and "\n" not in outcome.origin
        by_file.setdefault(input_file(outcome.origin), []).append(outcome.origin)
    expected_lines = [f"{feed}:{i}" for i, line in enumerate(lines, 1) if line.strip()]
    assert sorted(by_file[str(feed)]) == sorted([*expected_lines, f"{feed}:{len(lines) + 1}"])
    assert by_file[str(blob_path)] == [str(blob_path)]
    assert {f"{feed}:{len(lines) + 1}", str(good_file)} <= stored


def test_real_permission_denied_folder_and_file_as_another_user(tmp_path: Path) -> None:
    """The real thing, not a simulated error: as root, run the CLI as nobody over a folder
    it may not list and a file it may not read, beside a good article."""
    import os
    import shutil
    import tempfile

    from conftest import NOBODY, run_as_nobody

    work = Path(tempfile.mkdtemp(prefix="bilat-perm-"))
    try:
        good = work / "good.txt"
        good.write_text(
            "India and Russia held talks in New Delhi on Monday on the S-400 deliveries.\n",
            encoding="utf-8",
        )
        locked = work / "locked"
        locked.mkdir()
        (locked / "inside.txt").write_text("Hidden article text about talks.\n", encoding="utf-8")
        secret = work / "secret.txt"
        secret.write_text("Another hidden article about a contract.\n", encoding="utf-8")
        for path in (work, good):
            os.chown(path, NOBODY, NOBODY)
        locked.chmod(0o000)  # root's, so nobody may not list it
        secret.chmod(0o000)
        cli = "from bilat.cli import app; app()"
        database = f"sqlite:///{work}/store.db"
        args = ("--db", database, "ingest", str(good), str(locked), str(secret))
        done = run_as_nobody(work, cli, *args)
        output = done.stdout + done.stderr
        if done.returncode and "Permission denied" in output and "python" in output.lower():
            pytest.skip(f"nobody cannot run this Python: {output.strip()[-200:]}")
        assert "Traceback" not in output, output
        assert done.returncode == 1, output
        assert "1 stored" in output, output
        assert "failed:" in output and "locked" in output and "secret.txt" in output, output
    finally:
        for path in (work / "locked", work / "secret.txt"):
            if path.exists():
                path.chmod(0o700)
        shutil.rmtree(work, ignore_errors=True)
