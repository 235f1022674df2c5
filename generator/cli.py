"""Command line: ``python -m generator extract | review | generate | build | serve | deploy |
corrections check``.

``extract`` prints briefing JSON, ``review`` the same as compact tables to check by eye;
``generate`` writes the docs folder (Markdown pages and data files) without MkDocs, for any
engine to build; ``corrections check`` says which of a site's corrections apply to its current
articles and which no longer do; the other verbs run MkDocs, whose plugin (``plugin.py``)
generates the pages and publishes the site atomically (``publish.py``: built beside the site
folder, swapped in only on success). ``build`` adds what plain ``mkdocs build`` lacks: it fixes the
dates MkDocs would take from the clock to when the inputs last changed, so the same inputs give
the same site byte for byte.
"""
from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import functools
import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from mkdocs.exceptions import ConfigurationError

from . import corrections, docs, pipeline, publish
from .progress import progress_bar
from .distributed import DaskUnavailable
from .read import InputError
from .review import WIDTH, review_table

_PR_SET_PDEATHSIG = 1


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    return args.handler(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator",
                                     description="Conflict briefings from news articles.")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    extract = verbs.add_parser("extract", help="print the briefing data of articles",
                               description="Analyse articles and print one briefing/1 object each.")
    extract.add_argument("files", nargs="+", type=Path, metavar="FILE")
    extract.add_argument("--jsonl", action="store_true",
                         help="one JSON object per line (default: an indented JSON array)")
    extract.add_argument("--strict", action="store_true",
                         help="exit non-zero when any input could not be read")
    extract.add_argument("--jobs", type=int, default=0, metavar="N",
                         help="analyse with N processes (default 0: one per core)")
    extract.add_argument("--cache-dir", default=pipeline.DEFAULT_CACHE_DIR, metavar="DIR",
                         help="where analysed articles are cached (default %(default)s)")
    extract.add_argument("--no-cache", action="store_true",
                         help="analyse every article, neither reading nor writing the cache")
    extract.add_argument("--dask", metavar="ADDRESS",
                         help="analyse on the Dask scheduler at ADDRESS (tcp://host:8786)")
    extract.set_defaults(handler=_extract)

    review = verbs.add_parser(
        "review", help="print an article's actors, positions, stances and figures as tables",
        description="Analyse articles and print, for each, its actors, positions (speaker → "
                    "cue → content, confidence), stance cells and figures as compact tables.")
    review.add_argument("files", nargs="+", type=Path, metavar="FILE")
    review.add_argument("--width", type=int, default=WIDTH, metavar="N",
                        help="cut texts longer than N characters (default %(default)s)")
    review.add_argument("--cache-dir", default=pipeline.DEFAULT_CACHE_DIR, metavar="DIR",
                        help="where analysed articles are cached (default %(default)s)")
    review.add_argument("--no-cache", action="store_true",
                        help="analyse every article, neither reading nor writing the cache")
    review.set_defaults(handler=_review, jobs=0, dask=None)

    generate = verbs.add_parser(
        "generate", help="write the docs folder (Markdown pages, data files) without MkDocs",
        description="Analyse the seeds and write the complete docs folder of the site: pages "
                    "that hold everything a reader sees, for any MkDocs-compatible engine.")
    generate.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="FILE",
                          help="the site's configuration: docs_dir and the briefings options")
    generate.add_argument("--strict", action="store_true",
                          help="exit non-zero when any input could not be read or a "
                               "correction no longer applies")
    generate.set_defaults(handler=_generate)

    build = verbs.add_parser(
        "build", help="generate the briefings and build the site into site/",
        description="Generate the briefings and build the site. The site is built beside the "
                    "site folder and swapped in only when the build succeeds, so a failed or "
                    "interrupted build leaves the previous site as it was.")
    build.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="FILE")
    build.add_argument("-d", "--site-dir", metavar="DIR",
                       help="where the site is published (default: site_dir of the config)")
    build.add_argument("--strict", action="store_true",
                       help="fail on any warning or any input that could not be read")
    build.add_argument("mkdocs_args", nargs=argparse.REMAINDER,
                       help="further arguments passed to mkdocs build")
    build.set_defaults(handler=_build)

    check = verbs.add_parser(
        "corrections", help="check the corrections file against the current articles",
        description="Check the site's corrections (the briefings plugin's corrections option, "
                    "default corrections.yaml) against the current articles: what applies and "
                    "what no longer does. Exits 1 when a correction is stale, 2 when the file "
                    "is malformed.")
    check.add_argument("action", choices=["check"])
    check.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="FILE")
    check.set_defaults(handler=_check_corrections)

    for verb, text in (("serve", "preview the site, regenerating briefings when seeds change"),
                       ("deploy", "build and publish the site to GitHub Pages (gh-deploy)")):
        sub = verbs.add_parser(verb, help=text, description=text.capitalize() + ".")
        sub.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="FILE")
        sub.add_argument("--strict", action="store_true",
                         help="fail on any warning or any input that could not be read")
        sub.add_argument("mkdocs_args", nargs=argparse.REMAINDER,
                         help="further arguments passed to mkdocs")
        sub.set_defaults(handler=_mkdocs, mkdocs_verb={"deploy": "gh-deploy"}.get(verb, verb))
    return parser


def _analyse(args: argparse.Namespace) -> Optional[pipeline.Outcome]:
    """The outcome of analysing ``args.files`` (errors printed), None if it could not run."""
    settings = pipeline.Settings(root=Path.cwd(), n_process=max(0, args.jobs),
                                 cache_dir=None if args.no_cache else args.cache_dir,
                                 dask=args.dask)
    try:
        with progress_bar(len(args.files), "Extracting") as advance:
            outcome = pipeline.run(args.files, settings, progress=advance)
    except DaskUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    for error in outcome.errors:
        print(f"error: {error}", file=sys.stderr)
    for name, note in outcome.notes():
        print(f"note: {name}: {note}", file=sys.stderr)
    return outcome


def _review(args: argparse.Namespace) -> int:
    outcome = _analyse(args)
    if outcome is None:
        return 2
    sys.stdout.write("\n".join(review_table(b, args.width) for b in outcome.briefings))
    return 1 if outcome.errors else 0


def _extract(args: argparse.Namespace) -> int:
    outcome = _analyse(args)
    if outcome is None:
        return 2
    dicts = [b.to_dict() for b in outcome.briefings]
    if args.jsonl:
        for data in dicts:
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(json.dumps(dicts, ensure_ascii=False, indent=2) + "\n")
    return 1 if outcome.errors and args.strict else 0


def _generate(args: argparse.Namespace) -> int:
    config = _load_config(args.config_file)
    if config is None:
        return 2
    root = config.file.parent
    options = docs.Options.from_options(root, config.options, config.directory_urls)
    settings = pipeline.Settings.from_options(root, config.options)
    paths, hidden = pipeline.scan_inputs(options.seeds)
    try:
        with progress_bar(len(paths), "Generating briefings") as advance:
            outcome = pipeline.run(paths, settings, progress=advance)
        outcome.skipped = pipeline.hidden_notes(hidden, root)
        generated = docs.generate(config.docs_dir, options, outcome, settings)
    except (DaskUnavailable, corrections.CorrectionsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for error in outcome.errors:
        print(f"error: {error}", file=sys.stderr)
    stale = generated.corrected.stale
    for status in stale:
        print(f"warning: correction no longer applies: {status.correction.where}: "
              f"{status.reason}", file=sys.stderr)
    print(f"{len(outcome.briefings)} briefings, {len(generated.changed)} files changed in "
          f"{config.docs_dir}", file=sys.stderr)
    return 1 if args.strict and (outcome.errors or stale) else 0


def _check_corrections(args: argparse.Namespace) -> int:
    config = _load_config(args.config_file)
    if config is None:
        return 2
    root = config.file.parent
    try:
        entries = corrections.load(config.corrections, root)
    except corrections.CorrectionsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    paths = pipeline.find_inputs(root / config.options.get("seeds", "seeds"))
    settings = pipeline.Settings.from_options(root, config.options)
    with progress_bar(len(paths), "Reading articles") as advance:
        outcome = pipeline.run(paths, settings, progress=advance)
    result = corrections.apply_to_outcome(entries, outcome, settings)
    for status in result.statuses:
        correction = status.correction
        if status.stale:
            print(f"{correction.where}: stale: {correction.describe()}: {status.reason}")
        else:
            count = len(status.applied_to)
            print(f"{correction.where}: applies: {correction.describe()} "
                  f"({count} briefing{'' if count == 1 else 's'})")
    print(f"{len(result.applied)} appl{'ies' if len(result.applied) == 1 else 'y'}, "
          f"{len(result.stale)} stale, in {config.corrections.name}")
    return 1 if result.stale else 0


def _mkdocs(args: argparse.Namespace) -> int:
    command = [sys.executable, "-m", "mkdocs", args.mkdocs_verb, "-f", args.config_file]
    if args.strict:
        command.append("--strict")
    return subprocess.call(command + list(args.mkdocs_args), env=_environment(args))


def _build(args: argparse.Namespace) -> int:
    """``mkdocs build`` into a staging folder, published over the site folder on success."""
    config = _load_config(args.config_file)
    if config is None:
        return 1
    site = Path(args.site_dir).absolute() if args.site_dir else config.site_dir
    try:
        publish.check_site_folder(site, config.file.parent, (*config.inputs, config.docs_dir))
    except publish.UnsafeSiteFolder as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    # docs_dir holds only generated pages (git-ignored): a fresh clone has none yet, and MkDocs
    # rejects a configuration whose docs_dir does not exist before the plugin can create it.
    config.docs_dir.mkdir(parents=True, exist_ok=True)
    env = _environment(args)
    env.setdefault("SOURCE_DATE_EPOCH", str(config.inputs_changed()))
    try:
        with publish.staging(site) as folder:
            command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config.file),
                       "-d", str(folder), *(["--strict"] if args.strict else []),
                       *args.mkdocs_args]
            code = _run_to_the_end(command, env)
            if code == 0:
                publish.publish(folder, site)
    except KeyboardInterrupt:
        return 130
    return code


def _load_config(path: str) -> Optional["ProjectConfig"]:
    """The project's configuration, or None when it cannot be read (said on stderr)."""
    config_file = Path(path).absolute()
    try:
        return ProjectConfig.load(config_file)
    except (OSError, ConfigurationError) as exc:
        print(f"error: {config_file}: {exc}", file=sys.stderr)
        return None


def _run_to_the_end(command: list[str], env: dict[str, str]) -> int:
    """Runs ``command``; if this process is interrupted or terminated meanwhile, the command is
    stopped too and the interruption goes on (so the staging folder is cleaned up)."""
    previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    process = subprocess.Popen(command, env=env, preexec_fn=functools.partial(_die_with_parent, os.getpid()))
    try:
        return process.wait()
    finally:
        stop_process(process)
        signal.signal(signal.SIGTERM, previous)


def stop_process(process: subprocess.Popen, grace: float = 30) -> None:
    """Asks a child to stop, and kills it if it has not within ``grace`` seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _die_with_parent(parent: int) -> None:
    """In the child, before it runs: on Linux, have the kernel terminate it when this process
    dies, however it dies (a SIGKILL leaves no chance to stop it otherwise); it then stops
    writing into the docs and staging folders, which the next build cleans up."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _exit_on_signal(signum, frame) -> None:
    raise SystemExit(128 + signum)


def _environment(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    if args.strict:
        env["BRIEFINGS_STRICT"] = "1"
    return env


@dataclass
class ProjectConfig:
    """What ``build`` needs to know of an MkDocs configuration before MkDocs runs."""
    file: Path
    site_dir: Path
    docs_dir: Path
    inputs: tuple[Path, ...]
    corrections: Path
    options: dict
    # Whether pages are published as folders (a/b/) or files (a/b.html).
    directory_urls: bool = True

    @classmethod
    def load(cls, config_file: Path) -> "ProjectConfig":
        from mkdocs.utils.yaml import yaml_load  # reads !ENV and INHERIT as MkDocs does

        with config_file.open("rb") as handle:
            data = yaml_load(handle)
        root = config_file.parent
        options = {}
        for plugin in data.get("plugins") or []:
            if isinstance(plugin, dict) and "briefings" in plugin:
                options = plugin["briefings"] or {}
        theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
        corrections_path = root / options.get("corrections", corrections.DEFAULT_FILE)
        inputs = [config_file, root / options.get("seeds", "seeds"),
                  root / options.get("templates", "templates"), corrections_path]
        if theme.get("custom_dir"):
            inputs.append(root / theme["custom_dir"])
        return cls(file=config_file, site_dir=root / data.get("site_dir", "site"),
                   docs_dir=root / data.get("docs_dir", "docs"), inputs=tuple(inputs),
                   corrections=corrections_path, options=dict(options),
                   directory_urls=data.get("use_directory_urls", True))

    def inputs_changed(self) -> int:
        """When the inputs last changed, in seconds since the epoch: the time of the last
        commit when git has every input as committed (the same in every clone), else the
        newest modification time of an input file. Dates MkDocs and the feed plugin would
        take from the clock (sitemap, feed build dates) use it, so identical inputs build
        identical sites."""
        committed = _commit_time(self.file.parent, self.inputs)
        if committed is not None:
            return committed
        times = [p.stat().st_mtime for folder in self.inputs if folder.exists()
                 for p in ([folder] if folder.is_file() else folder.rglob("*")) if p.is_file()]
        return int(max(times, default=0))


def _commit_time(root: Path, inputs: Sequence[Path]) -> Optional[int]:
    paths = [str(p) for p in inputs if p.exists()]
    try:
        status = subprocess.run(["git", "status", "--porcelain", "--ignored", "--", *paths],
                                cwd=root, capture_output=True, text=True, timeout=30)
        if status.returncode != 0 or status.stdout.strip():
            return None
        stamp = subprocess.run(["git", "log", "-1", "--format=%ct", "--", *paths], cwd=root,
                               capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return int(stamp.stdout) if stamp.returncode == 0 and stamp.stdout.strip().isdigit() else None


__all__ = ["main", "InputError"]
