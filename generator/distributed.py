"""Analysis on a Dask cluster: the articles the cache does not have, sent to the workers of a
scheduler (``python -m generator extract --dask tcp://host:8786``, or ``Settings.dask``).

What the workers need comes from this machine: the lexicons (built-in and the site's own data
files) travel with the work, so a worker needs only the project installed, the same version of it
and of the spaCy model. Each worker builds its spaCy pipeline once per set of data files and
keeps it between tasks and builds. Every batch comes back with the model and code that produced
it; the pipeline caches only what this machine's own code would have produced. The cache and
the site build stay on this machine.

Start workers with one thread each (``dask worker tcp://host:8786 --nthreads 1 --nworkers N``):
a spaCy pipeline is not safe to run from two threads at once, so a worker's threads take turns.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from .cache import Runtime
from .read import Article

if TYPE_CHECKING:  # spaCy and the extractors are imported where the work runs, not to name it
    from spacy.language import Language

    from .extract import Lexicons

# What a worker runs on a batch: (its spaCy pipeline, the lexicons, the articles) → their
# briefings in JSON form. The analysis hands it over (``analysis.analyse_and_extract``), so this
# module never imports the analysis or the pipeline.
BatchWork = Callable[["Language", "Lexicons", Sequence[Article]], list[dict]]

class DaskUnavailable(RuntimeError):
    """The scheduler cannot be reached, or Dask distributed is not installed."""


def extract_on_dask(address: str, batches: Sequence[list[Article]], lexicons: Lexicons,
                    data: str, work: BatchWork) -> Iterator[tuple[int, tuple[Runtime, list[dict]]]]:
    """Each batch put through ``work`` on the cluster at ``address``: (batch number, result)
    as the batches finish. ``work`` travels to the workers by name, so it must be a module-level
    function of the installed package."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise DaskUnavailable("--dask needs Dask distributed: pip install distributed") from exc
    try:
        # how long to wait for the scheduler: Dask's own setting (30 s unless the user's Dask
        # config or DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT says otherwise)
        client = Client(address, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise DaskUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        shared = client.scatter(lexicons, broadcast=True, hash=False)
        futures = {client.submit(extract_batch, batch, shared, data, work, pure=False): n
                   for n, batch in enumerate(batches)}
        try:
            for future in as_completed(futures, loop=client.loop):
                yield futures[future], future.result()
        finally:
            client.cancel(list(futures))


def extract_batch(articles: list[Article], lexicons: Lexicons, data: str,
                  work: BatchWork) -> tuple[Runtime, list[dict]]:
    """A task: the batch's briefings (JSON form), with the runtime that produced them."""
    state = _worker_state(lexicons, data)
    with state["lock"]:
        return state["runtime"], work(state["nlp"], lexicons, articles)


_STATE_LOCK = threading.Lock()


def _worker_state(lexicons: Lexicons, data: str) -> dict:
    """This worker's pipeline for these data files: built by the first task, then kept."""
    from distributed import get_worker

    from . import nlp
    worker = get_worker()
    with _STATE_LOCK:
        states = worker.__dict__.setdefault("_briefings_pipelines", {})
        if data not in states:
            states.clear()
            states[data] = {"nlp": nlp.build_pipeline(lexicons.gazetteer), "lock": threading.Lock(),
                            "runtime": Runtime.here()}
        return states[data]


__all__ = ["DaskUnavailable", "extract_on_dask", "extract_batch"]
