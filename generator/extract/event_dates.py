"""Which date expressions of a sentence date its event (``events``): the trigger's own, or
its clause's, not the date of another event told as background ("a commander connected to the
May 3 bombing"), of a description ("operations that began July 25"), nor the day it was
reported ("the government said Thursday", "forces today confirmed the arrest")."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span as SpacySpan, Token

from .dates import When
from .happenings import EventLexicon, describes, event_type, time_clause


def _anchor(ent: SpacySpan, lexicon: EventLexicon) -> Optional[Token]:
    """The verb or event noun a date expression modifies: the first such word above it, but
    not a participle that describes a noun ("captured a leader based in Panjwa'i district
    Thursday", "a facilitator operating in Sabari district ... in Khost province Sunday"): a
    state has no day, and a date the parser hangs on it closes the clause it describes in.
    A participle that tells an event ("a patrol attacked Monday") is an event's own."""
    word = ent.root
    while word.head.i != word.i:
        word = word.head
        if word.pos_ in ("VERB", "AUX") and not _describing(word, lexicon):
            return word
        if word.pos_ in ("NOUN", "PROPN") and event_type(word, lexicon) is not None:
            return word
    return None


def _describing(word: Token, lexicon: EventLexicon) -> bool:
    """A participle describing a noun that names no event of the lexicon ("based", "operating")."""
    return word.dep_ == "acl" and word.tag_ in ("VBN", "VBG") and \
        word.head.pos_ in ("NOUN", "PROPN") and event_type(word, lexicon) is None


def path_is_news(low: Token, high: Optional[Token], lexicon: EventLexicon) -> bool:
    """No description (``describes``) or record word from a word up to one above it, or up to
    the root."""
    word = low
    while (high is None or word.i != high.i) and word.head.i != word.i:
        if describes(word, lexicon) or word.lemma_.lower() in lexicon.record_words:
            return False
        word = word.head
    return True


def binds(ent: SpacySpan, tok: Token, lexicon: EventLexicon) -> bool:
    """Whether a date expression dates the event of ``tok``: it modifies the trigger or a verb
    above it ("conducted a strike today"), or a verb or event below it on a path of news
    ("detained two men during an operation yesterday"); not another event inside a record or a
    description ("a leader responsible for an attack Jan. 7", "connected to the July 2
    attack", "operations that began July 25"), nor the time an event noun is compared over
    ("the deadliest attack since October"). An event noun that is the subject or object of a
    verb told in the past is dated as that verb's clause ("conducted an operation to capture
    a leader Wednesday", "repelled an attack while conducting a patrol today"), but not by a
    clause telling the time of something else ("The killings raise questions ... after Baghdad
    declared victory in December")."""
    anchor = _anchor(ent, lexicon)
    if anchor is not None and anchor.pos_ in ("NOUN", "PROPN") and \
            ent.root.head.lower_ in lexicon.date_words.tally_prepositions:
        return False
    if anchor is None or anchor.i == tok.i or _circumstance(anchor, tok, lexicon):
        return True
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in _ARGUMENTS and tok.head.tag_ in ("VBD", "VBN"):
        verb = tok.head
        return anchor.i == verb.i or anchor in verb.ancestors and not _reports(verb, anchor) or (
            verb in anchor.ancestors and path_is_news(anchor, verb, lexicon)
            and not _reports(anchor, verb) and not _on_time_clause(anchor, verb, lexicon))
    if anchor in tok.ancestors:
        return not _reports(tok, anchor)
    return tok in anchor.ancestors and path_is_news(anchor, tok, lexicon) and \
        not _reports(anchor, tok)


def _circumstance(anchor: Token, tok: Token, lexicon: EventLexicon) -> bool:
    """An event noun after a preposition of means or circumstance that the parser hangs on a
    noun of the trigger's own clause ("detained numerous individuals with suspected ties to the
    network during a security operation ... yesterday"): the operation the trigger happened in,
    so its date is the trigger's. Only nouns and prepositions lie between them, no verb or
    adjective of a description ("a leader responsible for an attack Jan. 7")."""
    if anchor.pos_ not in ("NOUN", "PROPN") or anchor.dep_ != "pobj" or \
            anchor.head.lower_ not in lexicon.means_prepositions:
        return False
    word = anchor.head.head
    while word.i != tok.i:
        if word.pos_ not in ("NOUN", "PROPN", "ADP") or word.head.i == word.i:
            return False
        word = word.head
    return True


def day_reported(when: When, ent: SpacySpan, tok: Token, reference: Optional[str],
                  lexicon: EventLexicon) -> bool:
    """The article's own day, told relative to it, on a verb that reports the event noun it
    takes, written before the noun ("forces today confirmed the arrest of a financier ... Sept.
    19", "confirmed today the arrest"): the day it was told, not the day it happened (an
    earlier day, "confirmed the capture ... Monday", a day written out, "confirmed the capture
    ... April 1", and one after the noun, "report the destruction this morning of two drones",
    are the event's)."""
    verb = tok.head
    told_as_today = when.end is None and when.start == reference and not re.search(r"\d", when.text)
    return told_as_today and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj" and \
        ent.end <= tok.i and verb.lemma_.lower() in lexicon.report_verbs and \
        getattr(_anchor(ent, lexicon), "i", None) == verb.i


def _on_time_clause(low: Token, high: Token, lexicon: EventLexicon) -> bool:
    """Whether a clause telling the time by something else lies from a word up to one above it."""
    word = low
    while word.i != high.i and word.head.i != word.i:
        if time_clause(word, lexicon):
            return True
        word = word.head
    return False


def _reports(low: Token, high: Token) -> bool:
    """Whether the clause of ``high`` reports the clause of ``low`` or is reported by it ("the
    government said Thursday", "ISAF confirmed today that ... was killed yesterday"): a date of
    the report is when it was said, not when the event happened."""
    word = low
    while word.i != high.i and word.head.i != word.i:
        if word.dep_ in _REPORT_LINKS:
            return True
        word = word.head
    return False


_REPORT_LINKS = ("ccomp", "parataxis")
_ARGUMENTS = ("nsubj", "nsubjpass", "dobj")


def dates_a_future(ent: SpacySpan, lexicon: EventLexicon) -> bool:
    """A date of what will or may happen ("On March 15, the war will enter its eighth year")."""
    anchor = _anchor(ent, lexicon)
    return anchor is not None and any(c.dep_ == "aux" and c.lower_ in lexicon.modals
                                      for c in anchor.children)


def dates_a_report(ent: SpacySpan, lexicon: EventLexicon) -> bool:
    """A date of the verb that reports a clause ("the ministry said on Monday that ..."): when
    it was said."""
    anchor = _anchor(ent, lexicon)
    return anchor is not None and (anchor.dep_ == "parataxis" or any(
        c.dep_ in _REPORT_LINKS for c in anchor.children))


def nearest(found: list[When], tok: Token) -> Optional[When]:
    if not found:
        return None
    return min(found, key=lambda w: (abs(w.span[0] - tok.idx), w.span[0]))
