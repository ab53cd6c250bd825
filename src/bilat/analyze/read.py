"""Run the pipeline over documents, block by block, and assemble each Analysis."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from bilat.analyze.extract import extract
from bilat.analyze.linking import link
from bilat.analyze.pipeline import nlp
from bilat.models import Analysis, Document, Sentence

DOCS_PER_BATCH = 32


def batched(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _sentences(document: Document, docs: list[Doc]) -> list[Sentence]:
    out: list[Sentence] = []
    for index, (block, doc) in enumerate(zip(document.blocks, docs, strict=True)):
        whole = doc.text
        for sent in doc.sents:
            first = sent.start_char
            text = whole[first : sent.end_char]  # sent.text, without making its tokens
            lead = len(text) - len(text.lstrip())
            start = block.start + first + lead
            end = block.start + first + len(text.rstrip())
            if end > start:
                out.append(Sentence(len(out), start, end, block.section, index))
    return out


def read_document(document: Document, docs: list[Doc]) -> Analysis:
    """One document's sentences, mentions and entities from its parsed blocks."""
    sentences = _sentences(document, docs)
    mentions, entities = link(document.blocks, [s.start for s in sentences], docs)
    tokens = sum(len(d) for d in docs)
    found = extract(document, tuple(sentences), docs, tuple(mentions), entities)
    return Analysis(
        document,
        tuple(sentences),
        tuple(mentions),
        entities,
        tokens,
        events=found.events,
        claims=found.claims,
        quotes=found.quotes,
        roles=found.roles,
    )


@dataclass(frozen=True)
class Failure:
    """A document whose analysis raised: the batch goes on without it."""

    document: Document
    error: Exception


def _parse(pipeline: Language, batch: list[Document]) -> list[list[Doc]]:
    """Each document's blocks parsed; the blocks of the whole batch share one ``nlp.pipe``."""
    items = [(doc.text[b.start : b.end], i) for i, doc in enumerate(batch) for b in doc.blocks]
    parsed: list[list[Doc]] = [[] for _ in batch]
    for sdoc, i in pipeline.pipe(items, as_tuples=True, batch_size=256):
        parsed[i].append(sdoc)
    return parsed


def _read_one(pipeline: Language, document: Document, docs: list[Doc] | None) -> Analysis | Failure:
    """``document`` analysed (parsed first unless ``docs`` are given), or why it could not be."""
    try:
        if docs is None:
            docs = _parse(pipeline, [document])[0]
        return read_document(document, docs)
    except Exception as exc:
        return Failure(document, exc)


def analyze_each(
    documents: Iterable[Document], model: str | None = None
) -> Iterator[Analysis | Failure]:
    """An Analysis or a Failure per document, in input order. Batches share one
    ``nlp.pipe`` call; when a batch raises, its documents are parsed again one by one, so
    that only the document at fault fails."""
    pipeline = nlp(model)
    for batch in batched(documents, DOCS_PER_BATCH):
        try:
            parsed: list[list[Doc] | None] = list(_parse(pipeline, batch))
        except Exception:
            parsed = [None] * len(batch)
        for document, docs in zip(batch, parsed, strict=True):
            yield _read_one(pipeline, document, docs)


def analyze(documents: Iterable[Document], model: str | None = None) -> Iterator[Analysis]:
    """Analyses in input order; the first document that cannot be analysed raises."""
    for result in analyze_each(documents, model):
        if isinstance(result, Failure):
            raise result.error
        yield result
