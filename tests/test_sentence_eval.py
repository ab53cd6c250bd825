"""``bilat eval`` on a coded sentence set: type, source, target and mode per sentence."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bilat.cli import app
from bilat.sentence_eval import evaluate_sentences, is_sentence_set

SET = """
sentences:
  - text: "China lodged solemn representations with Japan over the planned deployment of missiles."
    type: PROTEST
    source: China
    target: Japan
    mode: null
  - text: "Russia threatened Britain with retaliation over the Storm Shadow missiles on Friday."
    type: THREATEN
    source: Russia
    target: Britain
    mode: null
  - text: >-
      Seoul and Tokyo quietly resumed the sharing of military intelligence last spring,
      officials said.
    type: COOPERATE
    source: Seoul
    target: Tokyo
    mode: null
"""


def test_scores_type_source_target_and_mode(tmp_path: Path) -> None:
    gold = tmp_path / "set.yaml"
    gold.write_text(SET, encoding="utf-8")
    assert is_sentence_set(tmp_path)
    report = evaluate_sentences(tmp_path)
    figures = report.figures()["sentences"]
    assert figures["sentences"] == 3
    # the protest and the threat are read whole; intelligence sharing is not coded yet
    assert report.by_type["PROTEST"].accuracy()["source"] == 1.0
    assert report.by_type["THREATEN"].accuracy()["target"] == 1.0
    assert report.by_type["COOPERATE"].accuracy()["type"] == 0.0
    assert figures["type"] == round(2 / 3, 3)
    assert [m["gold"]["type"] for m in report.misses] == ["COOPERATE"]


def test_cli_json_and_floors(tmp_path: Path) -> None:
    gold = tmp_path / "sentences" / "set.yaml"
    gold.parent.mkdir()
    gold.write_text(SET, encoding="utf-8")
    floors = tmp_path / "baseline.yaml"
    floors.write_text("sentences:\n  sentences: {type: 0.9}\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["eval", str(gold.parent), "--json", "--baseline", str(floors)]
    )
    assert result.exit_code == 1  # 0.667 < 0.9
    body = json.loads(result.stdout)
    assert body["scores"]["sentences"]["type"] == round(2 / 3, 3)
    assert body["below_floors"] == ["sentences: sentences type 0.667 < floor 0.9"]


def test_a_gold_phrase_names_the_one_entity_mentioned_inside_it(tmp_path: Path) -> None:
    # "Greek forces" and "Turkey's navy" are the gold's words; they name Greece and Turkey
    (tmp_path / "set.yaml").write_text(
        "sentences:\n"
        '  - text: "Turkey\'s navy seized a Greek fishing boat near Lesbos on Sunday."\n'
        "    type: COERCE\n"
        "    source: Turkey's navy\n"
        "    target: null\n"
        "    mode: null\n",
        encoding="utf-8",
    )
    report = evaluate_sentences(tmp_path)
    assert report.overall.accuracy()["type"] == 1.0
    assert report.overall.accuracy()["source"] == 1.0
