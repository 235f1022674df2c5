"""Command line: ``python -m generator extract | build | serve | deploy``.

``extract`` prints briefing JSON; the other verbs run MkDocs, whose plugin (``plugin.py``)
generates the pages, so ``mkdocs build`` and ``python -m generator build`` do the same thing.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Optional, Sequence

from . import pipeline
from .distributed import DaskUnavailable
from .read import InputError


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

    for verb, text in (("build", "generate the briefings and build the site into site/"),
                       ("serve", "preview the site, regenerating briefings when seeds change"),
                       ("deploy", "build and publish the site to GitHub Pages (gh-deploy)")):
        sub = verbs.add_parser(verb, help=text, description=text.capitalize() + ".")
        sub.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="FILE")
        sub.add_argument("--strict", action="store_true",
                         help="fail on any warning or any input that could not be read")
        sub.add_argument("mkdocs_args", nargs=argparse.REMAINDER,
                         help="further arguments passed to mkdocs")
        sub.set_defaults(handler=_mkdocs, mkdocs_verb={"deploy": "gh-deploy"}.get(verb, verb))
    return parser


def _extract(args: argparse.Namespace) -> int:
    settings = pipeline.Settings(root=Path.cwd(), n_process=max(0, args.jobs),
                                 cache_dir=None if args.no_cache else args.cache_dir,
                                 dask=args.dask)
    try:
        outcome = pipeline.run(args.files, settings)
    except DaskUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for error in outcome.errors:
        print(f"error: {error}", file=sys.stderr)
    dicts = [b.to_dict() for b in outcome.briefings]
    if args.jsonl:
        for data in dicts:
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(json.dumps(dicts, ensure_ascii=False, indent=2) + "\n")
    return 1 if outcome.errors and args.strict else 0


def _mkdocs(args: argparse.Namespace) -> int:
    command = [sys.executable, "-m", "mkdocs", args.mkdocs_verb, "-f", args.config_file]
    if args.strict:
        command.append("--strict")
    env = dict(os.environ)
    if args.strict:
        env["BRIEFINGS_STRICT"] = "1"
    return subprocess.call(command + list(args.mkdocs_args), env=env)


__all__ = ["main", "InputError"]
