"""Extract stage: a parsed article → a ``Briefing``.

Each module is a set of small functions from a spaCy ``Doc`` (and what earlier steps found) to
model objects: ``actors`` first, then ``positions`` that name those actors, ``figures`` whose
claims come from positions, ``events`` that date and place what happened (tolls are figures),
and ``stances`` that read the positions.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from spacy.tokens import Doc

from ..gazetteer import Gazetteer, load_gazetteer
from ..issuebook import IssueBook, load_issue_book
from ..nlp import text_of
from ..model import Briefing
from ..read import Article
from .actors import ActorLexicon, extract_actors, load_actor_lexicon
from .channels import ChannelLexicon, load_channel_lexicon, mark_channels
from .confidence import Calibration, calibrate, calibrate_events
from .events import extract_events
from .figures import FigureLexicon, extract_figures, load_figure_lexicon
from .happenings import EventLexicon, load_event_lexicon
from .sources import with_unnamed_sources
from .positions import SpeechLexicon, load_speech_lexicon, scored_positions
from .stances import stance_matrix, tag_positions

SUMMARY_SENTENCES = 2


@dataclass(frozen=True)
class Lexicons:
    gazetteer: Gazetteer
    actors: ActorLexicon
    speech: SpeechLexicon
    figures: FigureLexicon
    issues: IssueBook
    events: EventLexicon
    channels: ChannelLexicon
    calibration: Calibration = Calibration()


def lexicon_folder() -> Path:
    return Path(str(resources.files("generator.data").joinpath("lexicon")))


def load_lexicons(gazetteers: Iterable[str] = (), issues_file: Optional[str] = None) -> Lexicons:
    folder = lexicon_folder()
    events = load_event_lexicon(folder)
    return Lexicons(gazetteer=load_gazetteer(gazetteers), actors=load_actor_lexicon(folder),
                    speech=load_speech_lexicon(folder), figures=load_figure_lexicon(folder, events),
                    issues=load_issue_book(issues_file), events=events,
                    channels=load_channel_lexicon(folder),
                    calibration=Calibration.load())


def extract_briefing(article: Article, doc: Doc, lexicons: Lexicons, briefing_id: str) -> Briefing:
    actors = with_unnamed_sources(doc, extract_actors(doc, lexicons.gazetteer, lexicons.actors),
                                  lexicons.speech)
    mark_channels(doc, actors, lexicons.channels)
    # A position's confidence starts as the filter's probability; calibrate() makes it calibrated.
    found = [replace(p, confidence=probability)
             for p, probability in scored_positions(doc, actors, lexicons.speech)]
    tagged = tag_positions(doc, found, lexicons.issues, actors)
    positions = [position for position, _ in tagged]
    figures = extract_figures(doc, actors, positions, lexicons.figures)
    events = extract_events(doc, actors, positions, figures, lexicons.events, lexicons.gazetteer,
                            article.text, article.date)
    stances = stance_matrix(tagged, actors, lexicons.issues, doc)
    positions, figures, stances = calibrate(positions, figures, stances, actors.actors,
                                            lexicons.calibration)
    events = calibrate_events(events, lexicons.calibration)
    used_issues = {cell.issue for cell in stances} | {i for p in positions for i in p.issues}
    sentences = [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
    return Briefing(
        id=briefing_id, source_file=article.source_file, title=article.title, date=article.date,
        source=article.source, url=article.url, summary=summarise(doc),
        text_sha256=article.sha256, tags=article.tags,
        sentences=[_trim(text_of(doc), s) for s in sentences],   # doc.text has hidden chrome blanked
        actors=actors.actors, places=actors.places, positions=positions, figures=figures, events=events,
        issues=[issue for issue in lexicons.issues.issues if issue.id in used_issues],
        stances=stances)


def summarise(doc: Doc) -> str:
    """The lead: the first sentences of running text (headline-like lines skipped)."""
    picked = []
    for sent in doc.sents:
        text = " ".join(sent.text.split())
        if len(text.split()) < 6 or text[-1:] not in ".!?\"\u201d\u00bb":
            continue
        picked.append(text)
        if len(picked) == SUMMARY_SENTENCES:
            break
    return " ".join(picked)


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
