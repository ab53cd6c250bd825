import datetime as dt
import io
import json
from pathlib import Path

from bilat.errors import InputError
from bilat.ingest.loaders import Overrides, Skipped, load_paths
from bilat.models import SourceText
from conftest import ARTICLE, write
from pdfmaker import make_pdf

BIG = 10**8


def load(*paths: Path | str, **ov: str) -> list[object]:
    return list(load_paths([str(p) for p in paths], BIG, Overrides(**ov)))


def test_text_with_sidecar_metadata(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "a.json", json.dumps({"title": "T", "published": "2025-12-04", "source": "S"}))
    (src,) = load(tmp_path)
    assert isinstance(src, SourceText)
    assert (src.title, src.published, src.source) == ("T", dt.date(2025, 12, 4), "S")


def test_command_line_metadata_wins(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "a.json", json.dumps({"published": "2025-12-04"}))
    (src,) = load(tmp_path / "a.txt", published="2025-12-05", source="Wire")
    assert isinstance(src, SourceText)
    assert src.published == dt.date(2025, 12, 5) and src.source == "Wire"


def test_html_main_text_title_and_date(corpus: Path) -> None:
    (src,) = load(corpus / "ir-06-trade-working-group.html")
    assert isinstance(src, SourceText)
    assert src.published == dt.date(2025, 11, 20)
    assert src.title and src.title.startswith("India and Russia Review Trade Ties")
    assert "Working Group on Trade and Economic Cooperation" in src.text
    for noise in ("window.tracker", "font-family", "Advertisement", "football", "Subscribe"):
        assert noise not in src.text


def test_jsonl_feed_lines_and_bad_line(tmp_path: Path) -> None:
    good = json.dumps({"text": ARTICLE, "title": "One", "published": "2025-11-27"})
    feed = write(
        tmp_path / "f.jsonl", f"{good}\n{{not json\n\n{json.dumps({'title': 'no text'})}\n"
    )
    first, bad, missing = load(feed)
    assert isinstance(first, SourceText) and first.origin == f"{feed}:1" and first.title == "One"
    assert isinstance(bad, InputError) and str(bad).startswith(f"{feed}:2: not valid JSON")
    assert isinstance(missing, InputError) and '"text" string' in str(missing)


def test_pdf_text_layer(tmp_path: Path) -> None:
    pdf = write(
        tmp_path / "brief.pdf",
        make_pdf(
            ["India and Russia held the 22nd meeting of the", "military commission in New Delhi."],
            title="Brief",
        ),
    )
    (src,) = load(pdf)
    assert isinstance(src, SourceText)
    assert "22nd meeting of the military commission in New Delhi." in src.text
    assert src.title == "Brief"


def test_stdin() -> None:
    items = list(load_paths(["-"], BIG, Overrides(), io.BytesIO(ARTICLE.encode())))
    assert isinstance(items[0], SourceText) and items[0].origin == "<stdin>"


def test_folder_walk_skips_other_formats_and_sidecars(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "a.json", "{}")
    write(tmp_path / "sub" / "b.md", ARTICLE + " More.")
    write(tmp_path / "photo.png", b"\x89PNG")
    write(tmp_path / ".hidden.txt", ARTICLE)
    items = load(tmp_path)
    origins = sorted(getattr(i, "origin", "") for i in items)
    assert origins == sorted(
        [str(tmp_path / "a.txt"), str(tmp_path / "photo.png"), str(tmp_path / "sub" / "b.md")]
    )
    assert any(isinstance(i, Skipped) and "not an article format" in i.reason for i in items)


def test_files_are_counted_once_whatever_they_hold(tmp_path: Path) -> None:
    from bilat import api
    from bilat.ingest.loaders import count_files

    folder = tmp_path / "in"
    write(folder / "a.txt", ARTICLE)
    write(folder / "photo.png", b"\x89PNG")
    lines = [json.dumps({"text": f"{ARTICLE} Item {i}."}) for i in range(3)]
    write(folder / "feed.jsonl", "\n".join([*lines, "{broken"]))
    assert count_files([str(folder)]) == 2
    store = api.open(f"sqlite:///{tmp_path / 'x.db'}")
    report = api.ingest(store, [str(folder)])
    store.close()
    assert (report.files, report.stored, report.skipped, report.failed) == (2, 4, 1, 1)
