"""Corrections stage: an analyst's corrections file, applied to extraction results.

A corrections file is YAML kept beside ``mkdocs.yml`` (``corrections.yaml``, or a folder of
such files): a list of corrections, each naming what it corrects by things that stay the same
when the extractor changes — the article's file and quoted words from its text, actor names —
never by the ids the extractor hands out (``p7``, ``f3``)::

    - article: seeds/talks.txt
      position: "the atmosphere was not right for talks"   # words of the position's content
      speaker: Nikol Pashinyan
      note: the agency quoted him, not the minister
      by: desk

The kinds (one key names the kind and what it corrects): ``actor`` (a name, across the site or in
one ``article``: ``name``, ``type``, ``title``, ``affiliation``, ``merge_into``, ``place: true``,
``drop: true``), ``position`` and ``add_position`` (quoted words: ``speaker``, ``issues``,
``stance``, ``drop``; an added one also ``cue`` and ``kind``), ``figure`` and ``add_figure``
(quoted words: ``value``, ``qualifier``, ``unit``, ``event``, ``category``, ``claimed_by``,
``about``, ``drop``) and ``cell`` (``{actor, issue}`` in an article: ``stance`` or ``drop``).
Every correction may carry ``note`` and ``by``, shown to readers.

Corrections apply in three rounds — actors, then positions and figures, then stance cells — each
in the order of the files. A correction that no longer applies (its words are gone, its actor or
its article is) is *stale*: reported, never silently dropped. Reading the files (``load``) is
the one side effect; applying is a pure function: the briefings given are not changed, corrected
ones are copies.

``file.py`` reads and checks the file, ``apply.py`` applies it, ``snippets.py`` gives what a
page's "correct this" control needs to write the correction of its item.
"""

from .apply import Result, Status, apply, apply_to_outcome, find_actor, occurrences
from .file import DEFAULT_FILE, Correction, CorrectionsError, correction_files, load, parse
from .snippets import correction_data, correction_fields, fields_data, quote_for

__all__ = ["DEFAULT_FILE", "Correction", "CorrectionsError", "Result", "Status", "apply",
           "apply_to_outcome", "correction_data", "correction_fields", "correction_files",
           "fields_data", "find_actor", "load", "occurrences", "parse", "quote_for"]
