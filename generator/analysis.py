"""Analysis: the articles the extraction cache does not have, parsed by spaCy and put through the
extractors, in this process for a few, over a pool of worker processes (each loading the spaCy
pipeline once) for many, or over a Dask cluster. Every route returns the same briefings.

``pipeline.run`` imports this module only when some article needs it, so a build whose articles
all come from the cache never imports spaCy.
"""
from __future__ import annotations

import threading
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from typing import Callable, Iterator, Optional, Sequence

from spacy.language import Language

from .cache import Runtime
from .distributed import extract_on_dask
from .extract import Lexicons, extract_briefing, load_lexicons
from .nlp import build_pipeline, parse
from .read import Article

# Articles per call of ``nlp.pipe`` in a worker, and per task sent to a worker.
BATCH_SIZE = 8
# Starting worker processes costs a few seconds (each loads the model), so fewer articles than
# this per worker are analysed in this process instead.
MIN_ARTICLES_PER_WORKER = 12

ExtractedBatch = tuple[Runtime, list[dict]]


def extract_articles(articles: Sequence[Article], lexicons: Lexicons, data: str,
                     workers: int = 1, dask: Optional[str] = None,
                     progress: Optional[Callable[[int], None]] = None
                     ) -> list[tuple[Runtime, dict]]:
    """Analyses and extracts ``articles``: for each, in order, the runtime that produced it and
    its briefing in JSON form (id left empty). On the Dask scheduler at ``dask`` if given, else
    in up to ``workers`` processes."""
    if not articles:
        return []
    batches = make_batches(articles)
    work = [[articles[i] for i in batch] for batch in batches]
    if dask:
        done = extract_on_dask(dask, work, lexicons, data, analyse_and_extract)
    else:
        workers = min(workers, len(articles) // MIN_ARTICLES_PER_WORKER)
        if workers > 1:
            done = _extract_in_pool(work, lexicons, data, workers)
        else:
            nlp = local_pipeline(lexicons, data)
            runtime = Runtime.here()
            done = ((n, (runtime, analyse_and_extract(nlp, lexicons, batch)))
                    for n, batch in enumerate(work))
    results: list = [None] * len(articles)
    for n, (runtime, dicts) in done:
        for i, data_dict in zip(batches[n], dicts, strict=True):
            results[i] = (runtime, data_dict)
        if progress:
            progress(len(dicts))
    return results


def make_batches(articles: Sequence[Article], size: int = 0) -> list[list[int]]:
    """Article indices in batches of ``size`` (default ``BATCH_SIZE``), longest articles first:
    the long ones start early and short ones fill in at the end, so no worker is left with a
    long article while the others wait."""
    size = size or BATCH_SIZE
    order = sorted(range(len(articles)), key=lambda i: -len(articles[i].text))
    return [order[i:i + size] for i in range(0, len(order), size)]


def analyse_and_extract(nlp: Language, lexicons: Lexicons, articles: Sequence[Article],
                        batch_size: int = BATCH_SIZE) -> list[dict]:
    """The work of one batch, wherever it runs: parse the texts, extract, give JSON forms."""
    docs = parse(nlp, [a.analysis_text() for a in articles], batch_size=batch_size)
    return [extract_briefing(article, doc, lexicons, "").to_dict()
            for article, doc in zip(articles, docs)]


_PIPELINES: dict[str, Language] = {}
_LEXICONS: dict[str, Lexicons] = {}


def local_lexicons(gazetteers: Sequence[str], issues_file: Optional[str], data: str) -> Lexicons:
    """The lexicons of a site's data files read once and kept while they are unchanged
    (``data``: their fingerprint), as the pipeline is: ``mkdocs serve`` analyses an edited
    article without reading every lexicon and gazetteer again."""
    if data not in _LEXICONS:
        _LEXICONS.clear()
        _LEXICONS[data] = load_lexicons(gazetteers, issues_file)
    return _LEXICONS[data]


def local_pipeline(lexicons: Lexicons, data: str) -> Language:
    """This process's spaCy pipeline for these data files, built once and kept (one at a time:
    an edited gazetteer during ``mkdocs serve`` replaces it)."""
    if data not in _PIPELINES:
        _PIPELINES.clear()
        _PIPELINES[data] = build_pipeline(lexicons.gazetteer)
    return _PIPELINES[data]




# A pool worker's state: the pipeline it loaded once, the lexicons, and what it runs.
_WORKER: dict = {}


def _start_worker(lexicons: Lexicons, data: str) -> None:
    _WORKER.update(nlp=local_pipeline(lexicons, data), lexicons=lexicons, runtime=Runtime.here())


def _work(articles: list[Article]) -> ExtractedBatch:
    return _WORKER["runtime"], analyse_and_extract(_WORKER["nlp"], _WORKER["lexicons"], articles)


def _extract_in_pool(batches: list[list[Article]], lexicons: Lexicons, data: str,
                     workers: int) -> Iterator[tuple[int, ExtractedBatch]]:
    """(batch number, result) as the batches finish."""
    context = pool_context()
    if context.get_start_method() == "fork":
        # Forked workers start with this process's memory, the pipeline loaded here included.
        local_pipeline(lexicons, data)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_start_worker, initargs=(lexicons, data)) as pool:
        futures = {pool.submit(_work, batch): n for n, batch in enumerate(batches)}
        for future in as_completed(futures):
            yield futures[future], future.result()


def pool_context() -> BaseContext:
    """"fork" when this process runs no other thread (a build, the command line), "spawn" when
    it does (``mkdocs serve`` watches files from threads): forking a process while another of
    its threads holds a lock can leave the child waiting on that lock for ever."""
    if "fork" in get_all_start_methods() and threading.active_count() == 1:
        return get_context("fork")
    return get_context("spawn")


__all__ = ["BATCH_SIZE", "Lexicons", "extract_articles", "analyse_and_extract", "make_batches",
           "local_lexicons", "local_pipeline", "pool_context"]
