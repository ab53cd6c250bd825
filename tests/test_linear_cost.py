"""Cost linear in document size (issue 9, point 3), checked by counting work, not time:
grouping a document's event reports compares each report with a bounded number of
groups, however many distinct happenings the document tells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bilat import api
from bilat.analyze import merge


def _article(paragraphs: int) -> str:
    """Meetings on as many different days: no two reports join, so groups pile up."""
    first = dt.date(2019, 1, 1)
    lines = [
        f"Rajnath Singh met Andrei Belousov in New Delhi on "
        f"{(first + dt.timedelta(days=3 * i)).strftime('%d %B %Y').lstrip('0')}."
        for i in range(paragraphs)
    ]
    return "India and Russia\n\n" + "\n\n".join(lines) + "\n"


def test_grouping_compares_each_report_with_a_bounded_number_of_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls, drafts = 0, 0
    compatible, group = merge._compatible, merge.group

    def counting(*args: object) -> bool:
        nonlocal calls
        calls += 1
        return compatible(*args)  # type: ignore[arg-type]

    def grouping(found: list[merge.Draft], view: object) -> list[merge.Group]:
        nonlocal drafts
        drafts += len(found)
        return group(found, view)  # type: ignore[arg-type]

    monkeypatch.setattr(merge, "_compatible", counting)
    monkeypatch.setattr(merge, "group", grouping)
    path = tmp_path / "long.txt"
    paragraphs = 300
    path.write_text(_article(paragraphs), encoding="utf-8")
    store = api.open(f"sqlite:///{tmp_path}/s.db")
    try:
        report = api.ingest(store, [str(path)], published="2025-03-31")
        assert report.stored == 1
        assert len(api.events(store)) >= paragraphs // 2  # the meetings stayed apart
    finally:
        store.close()
    assert drafts >= paragraphs // 2
    # every report against every earlier group would be about drafts**2 / 2 comparisons
    # (45,000 here); a bounded window of 64 groups keeps it under 64 per report
    assert calls <= 64 * drafts
