#!/usr/bin/env python
"""Speed, size and memory of the generator on real text, against the targets of issue 7.

    .venv/bin/python benchmarks/bench.py                  # PolNeAR train: 840 articles
    .venv/bin/python benchmarks/bench.py --corpus isaf    # ISAF press releases (dev half)
    .venv/bin/python benchmarks/bench.py --limit 100 --skip-site    # a quick look

Two parts, in one run:

- extraction: bare spaCy (``spacy.load`` + ``nlp.pipe``, one process and ``--jobs``
  processes) and the project's ``pipeline.run`` without the cache on the same texts: articles
  per second, words per second, and the ratio of the project's time to the fastest bare spaCy.
- site: ``mkdocs build`` of a throwaway project whose ``briefings`` plugin reads a copy of the
  articles: cold (empty cache), warm (cache kept, one article changed), the same cold build on
  half the articles (is the build linear?), page sizes and the search index.

Peak memory is the largest sum of the resident memory of this process and all its children,
sampled every 50 ms. ``--repeat N`` runs every measurement N times (the extraction runs
interleaved) and judges the medians. Nothing outside the temporary folder is written.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# The repository the snapshot was taken from (see ``take_snapshot``); its sibling ``shared``.
REPOSITORY = Path(os.environ.get("BENCH_REPOSITORY", ROOT))
SNAPSHOT_PARTS = ("generator", "templates", "overrides", "benchmarks", "mkdocs.yml")

from generator import analysis, pipeline  # noqa: E402
from generator.cli import stop_process  # noqa: E402
from generator.extract import extract_briefing, load_lexicons  # noqa: E402
from generator.nlp import build_pipeline, model_name  # noqa: E402

DATA = REPOSITORY.parent / "shared" / "data"
CORPORA = {
    "polnear": [DATA / "polnear" / "train" / "text"],
    "isaf": [DATA / "isaf" / "dev"],
    # Every real article (issue 15's linearity check: about 1,300, no copies).
    "all": [DATA / "polnear" / "train" / "text", DATA / "polnear" / "dev" / "text",
            DATA / "isaf" / "dev", DATA / "conflict"],
}
# Files of the corpus folders that are not articles.
NOT_ARTICLES = ("README.md",)
MB = 1024 * 1024
KB = 1024

TARGETS = {
    "ratio": 1.3,            # project extraction time / bare spaCy time
    "cold_s": 110.0,         # 840-article site, empty cache, the shipped mkdocs.yml (issue 15)
    "warm_s": 8.0,           # cache kept, one article changed (issue 15)
    "serve_s": 3.0,          # mkdocs serve: an edited article visible on its page (issue 15)
    "stall_s": 5.0,          # mkdocs serve: the longest wait for any response (issue 15)
    "linear": 2.1,           # time for 2x the articles / time for x (issue 15)
    "page_kb": 150.0,        # largest briefing page
    "search_kb": 10.0,       # search index per briefing, on average
    "peak_mb": 2048.0,       # peak resident memory, this process and its children
}


# --- measuring ------------------------------------------------------------------------------

SAMPLER = """
import sys, psutil
watched, interval = psutil.Process(int(sys.argv[1])), float(sys.argv[2])
me, peak = psutil.Process(), 0
while True:
    total = 0
    try:
        processes = [watched, *watched.children(recursive=True)]
    except psutil.Error:
        break
    for process in processes:
        if process.pid != me.pid:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                pass
    peak = max(peak, total)
    if sys.stdin in __import__("select").select([sys.stdin], [], [], interval)[0]:
        break
print(peak, flush=True)
"""


class PeakMemory:
    """The largest total RSS of this process and its descendants (but the sampler) while
    running. The sampling runs in a child process, not a thread: the pipeline forks its workers
    only from a process that runs no other thread, and the benchmark must not change that."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.peak = 0

    def __enter__(self) -> "PeakMemory":
        self._sampler = subprocess.Popen(
            [sys.executable, "-c", SAMPLER, str(os.getpid()), str(self.interval)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        return self

    def __exit__(self, *exc) -> None:
        out, _ = self._sampler.communicate("stop\n")
        self.peak = int(out.strip() or 0)


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have finished (worker processes are
    joined before a measurement ends, so theirs is counted)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class Timing:
    label: str
    seconds: float
    cpu: float
    articles: int
    words: int
    peak: int

    def line(self) -> str:
        return (f"  {self.label:<40s} {self.seconds:7.1f} s  {self.articles / self.seconds:6.2f} "
                f"articles/s  {self.words / self.seconds:6.0f} words/s  cpu {self.cpu:6.1f} s  "
                f"peak {self.peak / MB:5.0f} MB")


@contextmanager
def measured(label: str, articles: int, words: int, results: list[Timing]) -> Iterator[None]:
    with PeakMemory() as memory:
        start, cpu = time.perf_counter(), cpu_seconds()
        yield
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    results.append(Timing(label, seconds, cpu, articles, words, memory.peak))
    print(results[-1].line(), flush=True)


def median_timing(results: list[Timing], label: str) -> Timing:
    """The median time and CPU time of the runs called ``label``, and their largest peak."""
    runs = [t for t in results if t.label == label]
    return Timing(f"{label} (median of {len(runs)})", statistics.median(t.seconds for t in runs),
                  statistics.median(t.cpu for t in runs), runs[0].articles, runs[0].words,
                  max(t.peak for t in runs))


def median_line(label: str, runs: list[float]) -> float:
    """Prints the median of ``runs`` (seconds) with every run, and returns it."""
    value = statistics.median(runs)
    every = f"  (median of {len(runs)}: {', '.join(f'{r:.1f}' for r in runs)})" if len(runs) > 1 else ""
    print(f"  {label:<40s} {value:8.1f} s{every}", flush=True)
    return value


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


# --- extraction -----------------------------------------------------------------------------

def bench_extraction(paths: list[Path], jobs: int, alternatives: bool, repeat: int = 1) -> dict:
    settings = pipeline.Settings(root=ROOT, cache_dir=None, n_process=jobs)
    articles, errors = pipeline.read_all(paths, settings)
    texts = [a.analysis_text() for a in articles]
    words = sum(len(t.split()) for t in texts)
    n = len(texts)
    print(f"\nextraction: {n} articles, {words:,} words, {len(errors)} unreadable, "
          f"jobs {jobs}, model {model_name()}", flush=True)

    import spacy
    spacy.load(model_name())  # not timed: the model files are in the page cache for every run
    results: list[Timing] = []
    labels = ["bare spaCy load + pipe, 1 process",
              *([f"bare spaCy load + pipe, {jobs} processes"] if jobs > 1 else []),
              f"project, {jobs} processes"]
    for _ in range(repeat):  # interleaved, so that a change in load hits every kind alike
        for processes, label in zip((1, jobs), labels[:-1]):
            with measured(label, n, words, results):
                nlp = spacy.load(model_name())
                for _ in nlp.pipe(texts, batch_size=analysis.BATCH_SIZE, n_process=processes):
                    pass
            del nlp
        with measured(labels[-1], n, words, results):
            outcome = pipeline.run(paths, settings)
        assert len(outcome.briefings) == n
        del outcome  # or the next runs' peaks would count it too
    if repeat > 1:
        print("  medians:")
        for label in labels:
            print(median_timing(results, label).line())
    bare_one, *bare, project = [median_timing(results, label) for label in labels]
    bare_many = bare[0] if bare else None

    if alternatives:
        if jobs > 1:
            with measured(f"alt: spaCy n_process={jobs}, extract in main", n, words, results):
                lexicons = load_lexicons()
                nlp = build_pipeline(lexicons.gazetteer)
                docs = nlp.pipe(texts, batch_size=analysis.BATCH_SIZE, n_process=jobs)
                for article, doc in zip(articles, docs):
                    extract_briefing(article, doc, lexicons, "")
        with measured("alt: project, 1 process", n, words, results):
            pipeline.run(paths, pipeline.Settings(root=ROOT, cache_dir=None, n_process=1))

    fastest_bare = min(t.seconds for t in (bare_one, bare_many) if t)
    ratio = project.seconds / fastest_bare
    print(f"  ratio project / fastest bare spaCy: {ratio:.2f} "
          f"(target <= {TARGETS['ratio']}: {verdict(ratio, TARGETS['ratio'])})")
    if bare_many:
        print(f"  ratio project / bare spaCy with the same {jobs} processes: "
              f"{project.seconds / bare_many.seconds:.2f}")
    print(f"  ratio project / bare spaCy in 1 process: {project.seconds / bare_one.seconds:.2f}")
    print(f"  CPU time, project / bare spaCy in 1 process: {project.cpu / bare_one.cpu:.2f} "
          f"(the extra work, whatever else runs on the machine)")
    print(f"  {load()}")
    return {"ratio": ratio, "peak": max(t.peak for t in results)}


# --- site -----------------------------------------------------------------------------------

class Project:
    """A throwaway MkDocs project: the repository's config and templates, a copy of articles.
    The config is the shipped one; only the plugin's ``seeds`` is pointed at the copy."""

    def __init__(self, folder: Path, paths: list[Path]):
        shutil.rmtree(folder, ignore_errors=True)
        self.folder = folder
        self.articles = folder / "articles"
        self.articles.mkdir(parents=True)
        (folder / "briefings").mkdir()  # MkDocs checks docs_dir before the plugin fills it
        for path in paths:
            shutil.copy(path, self.articles / path.name)
        for name in ("templates", "overrides"):
            if (ROOT / name).exists():
                os.symlink(ROOT / name, folder / name)
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        config, found = re.subn(r"(?m)^(\s*)seeds:\s*\S+\s*$",
                                lambda m: f"{m[1]}seeds: articles", config, count=1)
        if not found:
            raise SystemExit("bench: no 'seeds:' option for the briefings plugin in mkdocs.yml")
        (folder / "mkdocs.yml").write_text(config, encoding="utf-8")

    @classmethod
    def existing(cls, folder: Path) -> "Project":
        """A project an earlier run left (``--workdir``) as it was: articles, caches, docs
        folder and site."""
        if not (folder / "mkdocs.yml").is_file() or not (folder / "articles").is_dir():
            raise SystemExit(f"bench: no project built by an earlier run in {folder} "
                             f"(run once with --workdir first)")
        project = cls.__new__(cls)
        project.folder, project.articles = folder, folder / "articles"
        return project

    def build(self) -> tuple[float, int]:
        """Seconds and peak memory of ``mkdocs build`` in a child process; its CPU seconds (and
        its workers') are kept in ``cpu``, which other load on the machine does not change."""
        env = mkdocs_environment(self.folder.parent)
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                   str(self.folder / "mkdocs.yml")]
        with PeakMemory() as memory:
            start, cpu = time.perf_counter(), cpu_seconds()
            done = subprocess.run(command, cwd=self.folder, env=env, capture_output=True,
                                  text=True)
            seconds, self.cpu = time.perf_counter() - start, cpu_seconds() - cpu
        if done.returncode:
            sys.stderr.write(done.stdout + done.stderr)
            raise SystemExit(f"bench: mkdocs build failed ({done.returncode})")
        return seconds, memory.peak

    def change_one_article(self, sentence: str = "The ministry said on Friday that talks would "
                                                  "resume next week.") -> Path:
        path = sorted(self.articles.iterdir())[len(list(self.articles.iterdir())) // 2]
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"\n{sentence}\n")
        return path

    def page_of(self, article: Path) -> str:
        """The URL path of an article's briefing page, from the JSON the last build wrote."""
        for data in (self.folder / "briefings" / "briefings").glob("*.json"):
            if json.loads(data.read_text("utf-8"))["source_file"].endswith("/" + article.name):
                return f"briefings/{data.stem}/"
        raise SystemExit(f"bench: no briefing page for {article.name}")


def mkdocs_environment(workdir: Path) -> dict[str, str]:
    """The environment of an ``mkdocs`` process as a user's: Python keeps the bytecode of the
    modules it compiles, which an installed package has (``pip`` compiles them), here under
    ``workdir`` rather than in the virtualenv. Where ``PYTHONDONTWRITEBYTECODE`` is set, every
    process would compile MkDocs, Material, Jinja and the generator from source again: seconds
    of every build that no user waits for."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPYCACHEPREFIX=str(workdir / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# How long a serve measurement may wait for the server, in seconds (every loop is bounded).
SERVE_TIMEOUT = 600.0


def fetch_timed(url: str, timeout: float = SERVE_TIMEOUT) -> tuple[str, float]:
    """The page at ``url`` ("" when it cannot be fetched) and how long the request took."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read().decode("utf-8", "replace")
    except OSError:
        body = ""
    return body, time.perf_counter() - start


def serve_latency(project: Project, repeat: int) -> tuple[list[float], float]:
    """``mkdocs serve`` of the project on 127.0.0.1: for each of ``repeat`` edits of one article,
    the seconds from the edit until its page shows it; and the longest a request to the server
    waited meanwhile (live reload holds requests back while it rebuilds)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = open(project.folder / "serve.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f",
         str(project.folder / "mkdocs.yml")], cwd=project.folder, stdout=log,
        stderr=subprocess.STDOUT, env=mkdocs_environment(project.folder.parent))
    latencies, stall = [], 0.0
    try:
        article = project.change_one_article("The envoy said on Monday that the talks had begun.")
        url = f"http://127.0.0.1:{port}/{project.page_of(article)}"
        deadline = time.perf_counter() + SERVE_TIMEOUT
        while "the talks had begun" not in fetch_timed(url)[0]:  # the first build
            if time.perf_counter() > deadline or server.poll() is not None:
                raise SystemExit("bench: mkdocs serve did not come up, see serve.log")
            time.sleep(0.5)
        for n in range(repeat):
            word = f"Zorvexia{n}{int(time.time())}"
            project.change_one_article(f"The envoy said that {word} would host the talks.")
            edited = time.perf_counter()
            while True:
                body, waited = fetch_timed(url)
                stall = max(stall, waited)
                if word in body:
                    latencies.append(time.perf_counter() - edited)
                    break
                if time.perf_counter() - edited > SERVE_TIMEOUT:
                    raise SystemExit("bench: the edit never showed in mkdocs serve")
                time.sleep(0.1)
            time.sleep(2)  # let a second build, if the edit started one, show its stall
            stall = max(stall, fetch_timed(url)[1])
    finally:
        stop_process(server)
        log.close()
    return latencies, stall


def page_sizes(site: Path) -> tuple[list[int], list[int]]:
    """Sizes of the briefing pages and of every HTML page."""
    every = [p.stat().st_size for p in site.rglob("*.html")]
    briefings = [p.stat().st_size for p in (site / "briefings").rglob("*.html")
                 if p.parent != site / "briefings"] if (site / "briefings").is_dir() else []
    return briefings, every


def bench_site(paths: list[Path], workdir: Path, linear: bool, repeat: int = 1,
               warm_only: bool = False) -> dict:
    """Cold builds (half and all of ``paths``), warm builds and serve; with ``warm_only``, the
    warm builds and serve only, of the project an earlier run left in ``workdir``."""
    if warm_only:
        project = Project.existing(workdir / "full")
        paths = sorted(project.articles.iterdir())
    print(f"\nsite: {len(paths)} articles, the shipped mkdocs.yml with only seeds: changed to "
          f"the copy of the articles, in {workdir}; {load()}", flush=True)
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print(f"  PYTHONDONTWRITEBYTECODE is set here: the mkdocs processes keep their bytecode "
              f"in {workdir / 'pycache'} instead, as an installed package has it", flush=True)
    results, peaks = {}, []

    def cold_builds(articles: list[Path], folder: Path) -> tuple[list[float], Project]:
        runs = []
        for _ in range(repeat):  # a new project each time: an empty cache, no site
            project = Project(folder, articles)
            seconds, peak = project.build()
            runs.append(seconds)
            peaks.append(peak)
        return runs, project

    if linear and len(paths) >= 4 and not warm_only:
        half = paths[:len(paths) // 2]
        runs, project = cold_builds(half, workdir / "half")
        results["half"] = median_line(f"cold build, {len(half)} articles", runs)
        shutil.rmtree(project.folder)

    if not warm_only:
        runs, project = cold_builds(paths, workdir / "full")
        results["cold"] = median_line(f"cold build, {len(paths)} articles (empty cache)", runs)
    unchanged_runs, unchanged_cpu = [], []
    for _ in range(repeat):
        unchanged_runs.append(project.build()[0])
        unchanged_cpu.append(project.cpu)
    median_line("warm build, nothing changed", unchanged_runs)
    median_line("  its CPU time", unchanged_cpu)
    warm_runs, warm_cpu = [], []
    for _ in range(repeat):
        changed = project.change_one_article()
        seconds, peak = project.build()
        warm_runs.append(seconds)
        warm_cpu.append(project.cpu)
        peaks.append(peak)
    results["warm"] = median_line(f"warm build, one article changed ({changed.name})", warm_runs)
    median_line("  its CPU time", warm_cpu)
    latencies, stall = serve_latency(project, repeat)
    results["serve"] = median_line("serve: edit until visible", latencies)
    results["stall"] = stall
    print(f"  serve: longest wait for a response          {stall:8.1f} s", flush=True)
    print(f"  peak memory of the builds: {max(peaks) / MB:.0f} MB", flush=True)

    site = project.folder / "site"
    briefing_pages, pages = page_sizes(site)
    search = site / "search" / "search_index.json"
    search_bytes = search.stat().st_size if search.is_file() else 0
    n = len(briefing_pages) or len(paths)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(f"  pages: {len(pages)} HTML, {len(briefing_pages)} briefing pages, "
          f"site {total / MB:.1f} MB")
    if briefing_pages:
        print(f"  briefing page HTML: largest {max(briefing_pages) / KB:.1f} KB, "
              f"average {sum(briefing_pages) / len(briefing_pages) / KB:.1f} KB")
    print(f"  largest HTML page of any kind: {max(pages) / KB:.1f} KB")
    print(f"  search index: {search_bytes / KB:.0f} KB, {search_bytes / n / KB:.2f} KB per briefing")
    results.update(peak=max(peaks), page_kb=max(briefing_pages or [0]) / KB,
                   search_kb=search_bytes / n / KB)
    if "half" in results:
        results["linear"] = results["cold"] / results["half"]
        print(f"  {len(paths)} vs {len(paths) // 2} articles, cold: {results['linear']:.2f}x the time")
    print(f"  {load()}")
    return results


# --- main -----------------------------------------------------------------------------------

def take_snapshot(folder: Path) -> Path:
    """A copy of the code, templates and config as they are now. The working tree is edited
    while a benchmark runs, and an edited extractor rightly empties the extraction cache, which
    would turn a warm build into a cold one; the benchmark measures the copy instead."""
    shutil.rmtree(folder, ignore_errors=True)
    for name in SNAPSHOT_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.is_file():
            shutil.copy(source, folder / name)
    return folder


def revision() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPOSITORY, capture_output=True, text=True)
        return done.stdout.strip()
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" + uncommitted changes" if git("status", "--porcelain", "--", "generator",
                                                     "templates", "overrides", "mkdocs.yml")
                     else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="polnear")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--jobs", type=int, default=pipeline.available_cores())
    parser.add_argument("--skip-extraction", action="store_true")
    parser.add_argument("--skip-site", action="store_true")
    parser.add_argument("--no-linear", action="store_true", help="skip the half-size build")
    parser.add_argument("--alternatives", action="store_true",
                        help="also time spaCy's own n_process with extraction in the parent, "
                             "and the project in one process")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each measurement N times and judge the medians")
    parser.add_argument("--workdir", type=Path, help="keep the site projects here")
    parser.add_argument("--warm-only", action="store_true",
                        help="only the warm builds and serve, of the project an earlier run "
                             "built in --workdir (no extraction, no cold build)")
    parser.add_argument("--in-place", action="store_true",
                        help="measure the working tree itself, not a snapshot of it")
    args = parser.parse_args()
    if args.warm_only and not args.workdir:
        parser.error("--warm-only needs the --workdir of an earlier run")

    if not args.in_place and "BENCH_REPOSITORY" not in os.environ:
        workdir = args.workdir or Path(tempfile.mkdtemp(prefix="briefings-bench-"))
        snapshot = take_snapshot(workdir / "snapshot")
        env = dict(os.environ, BENCH_REPOSITORY=str(ROOT), PYTHONPATH=str(snapshot))
        argv = [a for a in sys.argv[1:]]
        if not args.workdir:
            argv += ["--workdir", str(workdir / "projects")]
        print(f"snapshot of {ROOT} at {revision()} in {snapshot}", flush=True)
        try:
            return subprocess.call([sys.executable, str(snapshot / "benchmarks" / "bench.py"),
                                    *argv], env=env)
        finally:
            if not args.workdir:
                shutil.rmtree(workdir, ignore_errors=True)

    folders = CORPORA[args.corpus]
    paths = [path for folder in folders for path in pipeline.find_inputs(folder)
             if path.name not in NOT_ARTICLES][:args.limit]
    if not paths:
        raise SystemExit(f"bench: no articles in {', '.join(map(str, folders))}")
    print(f"corpus {args.corpus}: {len(paths)} files from {', '.join(map(str, folders))}; "
          f"{os.cpu_count()} cores; python {sys.version.split()[0]}; {load()}")

    summary: dict[str, float] = {}
    peaks = []
    if not args.skip_extraction and not args.warm_only:
        found = bench_extraction(paths, args.jobs, args.alternatives, args.repeat)
        summary["ratio"] = found["ratio"]
        peaks.append(found["peak"])
    if not args.skip_site:
        workdir = args.workdir or Path(tempfile.mkdtemp(prefix="briefings-bench-"))
        try:
            found = bench_site(paths, workdir, not args.no_linear, args.repeat, args.warm_only)
        finally:
            if not args.workdir:
                shutil.rmtree(workdir, ignore_errors=True)
        summary.update({k: found[k] for k in ("cold", "warm", "serve", "stall", "page_kb",
                                              "search_kb", "linear") if k in found})
        for key in ("cold", "warm", "serve", "stall"):
            if key in summary:
                summary[f"{key}_s"] = summary.pop(key)
        peaks.append(found["peak"])
    if peaks:
        summary["peak_mb"] = max(peaks) / MB

    print("\ntargets:")
    for key, value in summary.items():
        note = ""
        if key in ("cold_s", "warm_s", "serve_s", "stall_s") and len(paths) != 840:
            note = " (target is for 840 articles)"
        print(f"  {key:<10s} {value:9.2f}  target <= {TARGETS[key]:<7g} "
              f"{verdict(value, TARGETS[key])}{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
