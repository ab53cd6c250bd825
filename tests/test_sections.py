from bilat.ingest.sections import is_heading, split_blocks

TEXT = """Defence Ties Enter a New Phase

Singh met Belousov in New Delhi on Thursday.
Key Outcomes: S-400, Su-57 and Joint Production
The ministers discussed:
- Expansion of the S-400 acquisition
- Possibility of discussing the Su-57
“Our relationship has been maintained,”
Note: All information and images used in this content are sourced from Google.
Frequently Asked Questions (FAQ)
1. What did the ministers sign?
They signed a protocol."""


def sections(text: str, title: str | None = None) -> list[tuple[str, str, bool]]:
    return [(b.section, text[b.start : b.end], b.list_item) for b in split_blocks(text, title)]


def test_sections_of_an_article_with_faq_and_boilerplate() -> None:
    got = sections(TEXT)
    assert got[0] == ("headline", "Defence Ties Enter a New Phase", False)
    assert got[1][0] == "body"
    assert got[2] == ("heading", "Key Outcomes: S-400, Su-57 and Joint Production", False)
    assert got[4] == ("body", "Expansion of the S-400 acquisition", True)
    assert got[6][0] == "body"  # a quoted line is not a heading
    assert got[7][0] == "boilerplate"
    assert [s for s, _, _ in got[8:]] == ["faq", "faq", "faq"]


def test_title_from_metadata_marks_the_headline_whatever_the_quotes() -> None:
    text = "Summary\nIntro line here.\nRussia Remains India’s Partner ‘Despite Developments’\nBody."
    got = sections(text, "Russia Remains India's Partner 'Despite Developments'")
    assert got[0][0] == "heading"
    assert got[2][0] == "headline"


def test_heading_rules() -> None:
    assert is_heading("Over 25 Agreements in Pipeline")
    assert is_heading("Day 2 Agenda: Defence, Fighter Jet Talks & Ukraine Update")
    assert not is_heading("Putin’s schedule includes:")
    assert not is_heading("the talks went on late into the evening")


def test_a_sentence_case_subhead_over_a_paragraph_is_a_heading() -> None:
    text = (
        "Live: Britain Sends Long-Range Missiles To Ukraine\n"
        "19:20 BST — Embassy warns of consequences\n"
        "The embassy said in a statement that the decision would have consequences for ties.\n"
        "- Deliveries resume next week\n"
        "A short line\n"
        "ok."
    )
    got = [(text[b.start : b.end], b.section) for b in split_blocks(text)][1:]
    assert got[0][1] == "heading"
    assert got[1][1] == "body"
    assert got[2][1] == "body"  # a list item is not a subhead
    assert got[3][1] == "body"  # the line after it is no longer paragraph
