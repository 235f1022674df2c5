"""The package's YAML data files (lexicons, gazetteers, issue definitions), parsed with libyaml's
C parser where PyYAML was built with it, else with its pure-Python safe loader: both give the
same data, and every analysing process reads the files (0.7 s of CPU in Python, 0.1 s in C)."""
from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load`` of ``text``, faster."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
