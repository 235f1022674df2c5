"""Events: what happened, when, where, by whom, to whom, with what toll, as the text states it.

One event per sentence that tells a stated event (``happenings``), not one told as background
in a relative clause about someone ("the man who attacked a patrol") or in a clause that tells
when the news happened ("after an air attack exposed the network"): the first event type of
the lexicon among the sentence's triggers nearest its root names it ("an airstrike killed two
fighters" is an airstrike). An event named by a noun alone ("the operation") must have a date,
a place or a toll in its sentence. Its parts come from the same sentence, a date at most from
the sentences before it in its paragraph, so that nothing is carried over from a sentence
about something else:

- when: the date expression nearest the trigger among those that date it (the trigger's own,
  or its clause's: not the date of another event told as background, "a commander connected
  to the May 3 bombing", nor the day it was reported, "the government said Thursday";
  ``event_dates``), resolved against the article's date or its dateline (``dates``);
  when the sentence binds none, the last date written for the news before it in the same
  paragraph, else, in the paragraph a dateline opens, the dateline's day, else the last date
  written earlier in its release when the sentence goes on with what that paragraph told
  ("a patrol found a cache yesterday. ¶ The patrol detained a man"); else null (the
  article's own date says when it was written, not when this happened). ``date_text`` stays
  null for a date carried, not written. A present perfect ("have captured 80 since March") or a
  sentence with a time no day can be read from ("a month later", "in late 2017") carries none;
- where: the most specific place of the trigger's clause (``event_places``), else the last
  place named for the news before it in its paragraph, else the place of a heading line
  right above the paragraph ("Sangin/Helmand" in an operational update), else, when
  everything the article named before it lies in one first-level area and the sentence
  refers back to what that place's paragraph told ("The patrol detained ..."), that place.
  Places are never actors: only actor ids name who did it and to whom;
- who and to whom: the actors named as the trigger's subject or agent, and as its object;
- toll: the figures counted in the sentence;
- claimed by: the speaker whose reported words hold the trigger, or "according to X".

News tells its event again ("a suicide bombing in Kabul ... The explosion took place on Friday
... killed in the blast"): a telling of an event already told is folded into the first, which
takes the tolls, date and place it adds.

An event is found with a rule of thumb for its confidence (``_confidence``: 0.5 for a trigger
alone, more for a verb and for each of actor or target, date and place the clause gives, less
for a noun in the plural, "air raids", and when a party claims it); the extract stage then
replaces it by the calibrated model's (``confidence.calibrate_events``), which reads the rule of
thumb among its features. Misses: events told across sentences, places named only in another
paragraph, and dates a misparse hangs on another clause.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..gazetteer import Gazetteer
from ..model import TOLL_EVENTS, Event, EventPlace, Figure, Position
from ..nlp import text_of
from .actors import ActorIndex
from .dates import When, dateline_days, dates_in, lengths_of_time, reference, unread_dates
from .event_dates import binds, dates_a_future, dates_a_report, day_reported, nearest, path_is_news
from .event_places import article_countries, dateline_end, heading_place, in_clause_of, place_in
from .figures.provenance import _own_phrase_end
from .happenings import EventLexicon, goes_on, is_background, triggers


def extract_events(doc: Doc, actors: ActorIndex, positions: list[Position], figures: list[Figure],
                   lexicon: EventLexicon, gazetteer: Gazetteer, text: str,
                   article_date: Optional[str] = None) -> list[Event]:
    """Doc → the events it states, in text order, ids e1, e2, ... ``text`` is the article as
    read (its dateline may be hidden from the doc)."""
    ref_date, dateline = reference(text, article_date)
    countries = article_countries(doc, actors, gazetteer)
    by_sentence: dict[int, list[tuple[Token, str]]] = {}
    for tok, kind in triggers(doc, lexicon):
        if not is_background(tok, lexicon, dateline_end(tok.sent)):
            by_sentence.setdefault(tok.sent.start, []).append((tok, kind))
    context = _Paragraphs(doc, text, ref_date, dateline, lexicon, countries)
    events: list[Event] = []
    told: list[Token] = []          # each event's trigger
    for found in by_sentence.values():
        tok, kind = main_trigger(found, lexicon)
        sent = tok.sent
        said = nearest([w for w, ent in context.dates(sent) if binds(ent, tok, lexicon)
                         and not day_reported(w, ent, tok, ref_date, lexicon)], tok)
        where = place_in(sent, lexicon, gazetteer, countries, lambda word, area: in_clause_of(
            word, tok, lexicon.same_time_marks, below=area), trigger=tok)
        written_place = where is not None
        tolls = [f.id for f in figures if sent.start_char <= f.span[0] and f.span[1] <= sent.end_char]
        if goes_on(tok) and not said:
            continue        # "Fighting in the province continues on two fronts"
        if _lasts(tok, sent, lexicon) or _counted_since(tok, lexicon) or \
                (_habitual(tok, lexicon) and not said) or \
                (_many(tok, lexicon) and not _a_day(said) and not _takes_a_toll(tolls, figures)):
            continue        # "killed for seven years", "groups have frequently fought one another",
            #               "more than 100 air raids inside Egypt"
        if not _finite(tok) and not (said or where or tolls):
            continue        # "talk about negotiations ... when military operations are underway"
        unread = [ent for ent in unread_dates(sent, ref_date, dateline, lexicon.date_words)
                  if binds(ent, tok, lexicon)]
        when = said or (None if _perfect(tok) or unread else context.carried(events, sent, tok.idx))
        where = where or context.carried_place(
            events, sent, lambda s: place_in(s, lexicon, gazetteer, countries,
                                             lambda word, _: _place_of_news(word, s, lexicon)))
        actor, target = _roles(tok, actors, lexicon)
        if kind in lexicon.one_per_party:       # "Saudi Arabia said it would provide $1.5bn, Qatar pledged $1bn"
            tolls = [f.id for f in figures if f.id in tolls and f.claimed_by in (None, actor)]
        claimed = claimant(tok, positions, actors)
        start, end = _event_span(tok)
        event = Event(
            id=f"e{len(events) + 1}", type=kind, text=text_of(doc)[start:end], span=(start, end),
            sentence=" ".join(sent.text.split()),
            date=when.start if when else None, date_end=when.end if when else None,
            date_text=when.text if when and when.text else None,
            date_span=when.span if when and when.text else None,
            place=where[0] if where else None, place_span=where[1] if where else None,
            actor=actor, target=target, figures=tolls, claimed_by=claimed,
            confidence=_confidence(tok, when and when.text, written_place, actor or target, claimed))
        same = _told_before(event, tok, events, told, lexicon)
        if same is not None:
            _fold(event, same)
        elif not _the_war(tok, event, bool(unread) or (written_place and not _a_country(event.place))):
            events.append(event)
            told.append(tok)
    return events


def _the_war(tok: Token, event: Event, placed_or_timed: bool) -> bool:
    """An event noun told as known that tells no event before it, with no time, place or
    object of its own ("more than 465,000 Syrians have been killed in the fighting"): the war
    as a whole, not one event (but "resulted in the detention of several suspects" is one).
    ``placed_or_timed``: the sentence places it more narrowly than a country ("destroyed in the
    fighting across Iraq" is the war) or gives it a time, if only a year ("the attack on the
    barracks in Lebanon in 1983")."""
    children = list(tok.children)
    return tok.pos_ in ("NOUN", "PROPN") and not (event.date_text or placed_or_timed) and \
        any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in children) and \
        not any(c.dep_ == "prep" and c.lower_ == "of" for c in children)


_DEFINITE = ("the", "this", "that", "these", "those")


def _a_country(place: Optional[EventPlace]) -> bool:
    return place is not None and place.name == place.country


def _told_before(event: Event, tok: Token, events: list[Event], told: list[Token],
                 lexicon: EventLexicon) -> Optional[Event]:
    """The earlier event this one tells again, if any: news restates its event ("a suicide
    bombing in Kabul ... The explosion took place on Friday ... killed in the blast"). An event
    named by a definite noun (``_definite``: "the blast", "Saturday's attack") is the last event before it of its
    type (of any type for a general one: "the attack", "the operation") whose date and place
    agree with its own (a place of its own is not lent to an event told without one: "joined
    the fighting in Syria" is not the shooting told before it); one of the same type is the
    same event when their dates agree and their places are the same, or neither has its own
    date and place."""
    for earlier, trigger in zip(reversed(events), reversed(told)):
        if not _agree(event.date, earlier.date) or not _same_place(event, earlier, lenient=True):
            continue
        if (event.type == earlier.type or event.type in lexicon.general_types) and \
                (event.place is None or earlier.place is not None) and \
                tok.pos_ in ("NOUN", "PROPN") and _definite(tok):
            return earlier
        if event.type == earlier.type and (_same_place(event, earlier, lenient=False) or not (
                event.date_text or event.place or earlier.date_text or earlier.place)) and \
                _same_party(event, earlier, lexicon):
            return earlier
    return None


def _same_party(event: Event, earlier: Event, lexicon: EventLexicon) -> bool:
    """Whether two tellings may be one event by who did it: always, but for a type of which
    each party's is its own (a pledge), only when both name the same party."""
    return event.type not in lexicon.one_per_party or (
        event.actor is not None and event.actor == earlier.actor)


def _definite(tok: Token) -> bool:
    """A noun told as known: "the blast", "this attack", or one owned by its day ("Saturday's
    attack")."""
    return any((c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE) or
               (c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME")) for c in tok.children)


def _agree(one: Optional[str], other: Optional[str]) -> bool:
    return one is None or other is None or one == other


def _same_place(one: Event, other: Event, lenient: bool) -> bool:
    """The same place (by area and name); with ``lenient``, also when either has none."""
    if one.place is None or other.place is None:
        return lenient
    return (one.place.admin1, one.place.country) == (other.place.admin1, other.place.country) and \
        (one.place.name == other.place.name or lenient)


def _fold(again: Event, first: Event) -> None:
    """What a restatement adds to the event it tells again: its tolls, and the date it writes,
    the place and parties the first telling lacked (a date it only carries from the sentences
    before it is theirs, not the first telling's)."""
    first.figures += [f for f in again.figures if f not in first.figures]
    if first.date is None and again.date_text is not None:
        first.date, first.date_end = again.date, again.date_end
        first.date_text, first.date_span = again.date_text, again.date_span
    if first.place is None and again.place is not None:
        first.place, first.place_span = again.place, again.place_span
    first.actor = first.actor or again.actor
    first.target = first.target or again.target


def main_trigger(found: list[tuple[Token, str]], lexicon: EventLexicon) -> tuple[Token, str]:
    """The sentence's event: among the triggers nearest its root (the main verb and its
    arguments) and the event nouns that tell how one of them happened ("with an airstrike"), the
    first type of the lexicon. "detained several insurgents ... who leads
    fighters in attacks" is a detention; "an airstrike killed two fighters" an airstrike."""
    depths = [(_depth(tok), tok, kind) for tok, kind in found]
    top = min(d for d, _, _ in depths)
    near = [(tok, kind) for d, tok, kind in depths if d <= top + 1]
    heads = {tok.i for tok, _ in near}
    near += [(tok, kind) for tok, kind in found if _means_of(tok, heads, lexicon)]
    return min(near, key=lambda f: (lexicon.order.index(f[1]), f[0].i))


def _means_of(tok: Token, heads: set[int], lexicon: EventLexicon) -> bool:
    """An event noun that tells how a main trigger happened: "engaged the insurgents with a
    precision airstrike", "was killed in an airstrike", "was killed and 22 wounded in a
    bombing"."""
    prep = tok.head
    verb = prep.head
    return tok.dep_ == "pobj" and prep.lower_ in lexicon.means_prepositions and \
        (verb.i in heads or (verb.dep_ == "conj" and verb.head.i in heads))


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


_PARAGRAPH_BREAK = re.compile(r"[\n\u2028\u2029]|[ \t\u00a0]{3,}")


class _Paragraphs:
    """What a sentence without its own date or place may carry from its paragraph: the
    dates an article writes (each sentence's read once) and the places before it."""

    def __init__(self, doc: Doc, text: str, reference: Optional[str],
                 dateline: list[tuple[int, int]], lexicon: EventLexicon, countries: list[str]):
        self.text, self.reference, self.countries = text, reference, countries
        self.skip, self.words, self.lexicon = dateline, lexicon.date_words, lexicon
        self._found: dict[int, list[tuple[When, SpacySpan]]] = {}
        self._places: dict[int, tuple] = {}     # each sentence's place of news, looked up once
        self.leads = self._leads(dateline)

    def dates(self, sent: SpacySpan) -> list[tuple[When, SpacySpan]]:
        if sent.start not in self._found:
            self._found[sent.start] = dates_in(sent, self.reference, self.skip, self.words)
        return self._found[sent.start]

    def _paragraph_start(self, pos: int) -> int:
        breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(self.text, 0, pos)]
        return breaks[-1] if breaks else 0

    def _leads(self, dateline: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
        """Where each dateline's day holds: the rest of its paragraph, or the paragraph after
        it when the dateline stands alone on its line; a heading under it ("Sangin/Helmand",
        no sentence's end) is passed over."""
        leads = []
        for (_, end), day in dateline_days(self.text, dateline, self.reference):
            start = stop = end + re.match(r"\W*", self.text[end:]).end()
            while stop < len(self.text):
                following = _PARAGRAPH_BREAK.search(self.text, stop)
                stop = following.start() if following else len(self.text)
                if re.search(r"[.!?]", self.text[start:stop]):
                    break
                stop = following.end() if following else stop
            leads.append((start, stop, day))
        return leads

    def carried(self, events: list[Event], sent: SpacySpan, at: int) -> Optional[When]:
        """The date of an event whose sentence binds none: the last date written for the
        news before it in its paragraph (an earlier event's, or a date of a sentence's main
        clause: "In Kunduz last night, a force went to a village. ... it detained one
        suspect"); else, in the paragraph the dateline opens, the dateline's date; else the
        last date written for the news earlier in its release (since its dateline) when the
        sentence goes on with what that date's paragraph told (``_refers_back``: "a patrol
        found a cache yesterday. ¶ The patrol detained a man"): a release tells one incident,
        its later paragraphs the details. Else none: the article's own date says when it was
        written, not when this happened. ``text`` and ``span`` stay empty: the sentence did
        not say it."""
        para = self._paragraph_start(sent.start_char)
        before = [(e.span[0], When(e.date, e.date_end, "", (0, 0)))
                  for e in events if e.date and para <= e.span[0]]
        before += self._written(sent, para)
        if before:
            return max(before, key=lambda b: b[0])[1]
        for start, end, day in self.leads:
            if start <= at < end:
                return When(day, None, "", (0, 0))
        release = max((start for start, _ in self.skip if start <= sent.start_char), default=0)
        earlier = self._written(sent, release) + [
            (e.date_span[0], When(e.date, e.date_end, "", (0, 0)))
            for e in events if e.date_span and release <= e.date_span[0]]
        if earlier:
            written_at, when = max(earlier, key=lambda b: b[0])
            return when if self._refers_back(sent, written_at) else None
        return None

    def _written(self, sent: SpacySpan, since: int) -> list[tuple[int, When]]:
        """Where and what the dates written for the news are in the sentences before ``sent``
        from ``since``: not the day a report was made, nor one of what will happen."""
        return [(w.span[0], When(w.start, w.end, "", (0, 0)))
                for earlier in self._earlier(sent, since) for w, ent in self.dates(earlier)
                if path_is_news(ent.root, None, self.lexicon)
                and not dates_a_report(ent, self.lexicon)
                and not dates_a_future(ent, self.lexicon)]

    def carried_place(self, events: list[Event], sent: SpacySpan, place_of
                      ) -> Optional[tuple[EventPlace, tuple[int, int]]]:
        """The place of an event whose sentence names none: the last place named for the
        news before it in its paragraph ("In Kunduz last night, a force went to a village.
        During the search it detained one suspect" is in Kunduz), with the span of its name."""
        para = self._paragraph_start(sent.start_char)
        before = [(e.place_span[0], (e.place, e.place_span)) for e in events
                  if e.place and e.place_span and para <= e.span[0]]
        for earlier in self._earlier(sent, para):
            found = place_of(earlier)
            if found:
                before.append((found[1][0], found))
        if before:
            return max(before, key=lambda b: b[0])[1]
        return self._heading(para) or self._sole_area(events, sent, place_of)

    def _heading(self, para: int) -> Optional[tuple[EventPlace, tuple[int, int]]]:
        """The place a heading line right above the paragraph names ("Sangin/Helmand"), with
        its span."""
        end = len(self.text[:para].rstrip())
        start = self._paragraph_start(end)
        start += len(self.text[start:end]) - len(self.text[start:end].lstrip())
        found = heading_place(self.text[start:end], self.countries) if start < end else None
        return (found, (start, end)) if found else None

    def _sole_area(self, events: list[Event], sent: SpacySpan, place_of
                   ) -> Optional[tuple[EventPlace, tuple[int, int]]]:
        """A paragraph that names no place goes on with the article's place when everything
        named before it lies in one first-level area ("In Nadir Shah Kot district, Khost
        province, a patrol found a cache. ¶ The patrol detained a man"): with two areas named
        it could be either, and a country alone says too little to carry."""
        named = [(e.place_span[0], (e.place, e.place_span)) for e in events
                 if e.place and e.place_span and e.place.admin1]
        for earlier in self._earlier(sent, 0):
            found = self._places.get(earlier.start)
            if found is None:
                found = self._places[earlier.start] = place_of(earlier) or ()
            if found and found[0].admin1:
                named.append((found[1][0], found))
        areas = {(place.country, place.admin1) for _, (place, _) in named}
        if len(areas) != 1:
            return None
        place = max(named, key=lambda b: b[0])[1]
        return place if self._refers_back(sent, place[1][0]) else None

    def _refers_back(self, sent: SpacySpan, named_at: int) -> bool:
        """The sentence goes on with what the place's paragraph told: a definite noun of it
        names a thing that paragraph brought in ("a patrol found a vehicle ... ¶ The patrol
        searched the vehicle"), not just the same subject ("The ongoing operation")."""
        start = self._paragraph_start(named_at)
        stop = _PARAGRAPH_BREAK.search(self.text, named_at)
        told = {tok.lemma_.lower() for tok in sent.doc.char_span(
                    start, stop.start() if stop else len(self.text), alignment_mode="expand")
                if tok.pos_ == "NOUN" and any(c.lower_ in ("a", "an") for c in tok.children)}
        return any(tok.pos_ == "NOUN" and tok.lemma_.lower() in told
                   and any(c.lower_ == "the" for c in tok.children) for tok in sent)

    @staticmethod
    def _earlier(sent: SpacySpan, para: int) -> list[SpacySpan]:
        """The sentences before ``sent`` in its paragraph."""
        found = []
        for earlier in sent.doc.sents:
            if earlier.start >= sent.start:
                break
            if earlier.end_char > para:
                found.append(earlier)
        return found


def _lasts(tok: Token, sent: SpacySpan, lexicon: EventLexicon) -> bool:
    """Told as going on for a length of time ("have been killed for seven years", "have fought
    the battle of ... for over 100 years"): a war or a campaign, not one event."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    return any(ent.root.head in verb.subtree for ent in lengths_of_time(sent, lexicon.date_words))


def _habitual(tok: Token, lexicon: EventLexicon) -> bool:
    """Told as a habit ("have frequently fought one another", "often clash"): no one event
    unless a date says which day."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    return any(c.dep_ == "advmod" and c.lower_ in lexicon.habit_adverbs for c in verb.children)


def _many(tok: Token, lexicon: EventLexicon) -> bool:
    """An event noun counted by the many: "more than 100 air raids", "at least 125 drone
    attacks", "hundreds of cross-border rocket attacks", "two explosions" (heard of one blast):
    a tally, or one event told again by its parts, when no day and no toll make it one."""
    if tok.pos_ != "NOUN" or tok.tag_ not in ("NNS", "NNPS"):
        return False
    if any(c.dep_ == "nummod" and c.like_num and c.lower_ not in ("one", "1") for c in tok.children):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
        tok.head.head.lower_ in lexicon.tally_quantities


def _takes_a_toll(tolls: list[str], figures: list[Figure]) -> bool:
    """Does the sentence count people the event hit ("Dozens were killed in two suicide car
    bombings"), not only the events themselves ("more than 100 air raids")?"""
    return any(f.event in TOLL_EVENTS for f in figures if f.id in tolls)


def _a_day(when: Optional[When]) -> bool:
    """Is it a date of one day (not a week, a month, a year)?"""
    return when is not None and when.start is not None and when.end is None


def _counted_since(tok: Token, lexicon: EventLexicon) -> bool:
    """A present perfect counted from a year or a happening ("has killed 230 people since 2015",
    "have been killed in fighting since the coalition launched air attacks"): a tally (but "the
    fighting has left 36 dead since Sunday" is one battle, "have captured 80 since March" an
    event of no one day)."""
    verb = tok.head.head if tok.dep_ == "pobj" else tok if tok.pos_ in ("VERB", "AUX") else tok.head
    return _perfect(verb) and any(
        (c.dep_ == "prep" and c.lower_ in lexicon.counted_since and any(
            o.dep_ == "pobj" and _YEAR.fullmatch(o.text) for o in c.children))
        or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lexicon.counted_since
                                      for m in c.children))
        for c in verb.children)


_YEAR = re.compile(r"\d{4}s?")


def _place_of_news(word: Token, sent: SpacySpan, lexicon: EventLexicon) -> bool:
    """A place another sentence may lend: one of its main clause, not of a description or
    someone's record ("The leader is believed to have moved fighters in Kunar province")."""
    return in_clause_of(word, sent.root, lexicon.same_time_marks) and \
        path_is_news(word, None, lexicon) and sent.root.lemma_.lower() not in lexicon.record_words


def _finite(tok: Token) -> bool:
    """A verb that tells something happen, not a noun nor a gerund used as one ("Cash for
    killing", "after overrunning large areas", "killing for money is not ...")."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    return not (tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "pobj", "dobj", "nsubj", "csubj", "ROOT")
                and not any(c.dep_ in ("aux", "auxpass") for c in tok.children))


def _perfect(tok: Token) -> bool:
    """A present perfect ("have captured more than 80", "has conducted four operations") tells
    a tally or a state, not one event on a day: it takes no date from another sentence."""
    verb = tok
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ")
               for c in verb.children)


# --- who, claimed by, span ----------------------------------------------------------------

def _roles(tok: Token, actors: ActorIndex, lexicon: EventLexicon) -> tuple[Optional[str], Optional[str]]:
    """Who did it (subject, "by" agent, possessive) and to whom (object, passive subject, "on"
    or "against" a noun trigger); not a place of the dateline the parser took for one of them
    ("KUNDUZ, Afghanistan - The Taliban overran a police base"). The subject of a verb of
    what befalls people told without its object is the one it befell ("left 30 soldiers and
    a thousand fighters killed": the parser takes "a thousand" for who killed)."""
    actor = target = None
    filed = dateline_end(tok.sent)
    befell = _befalls_its_subject(tok, lexicon)
    for child in (c for c in tok.children if c.idx >= filed):
        if child.dep_ == "nsubj" and befell:
            target = target or _actor(child, actors)
        elif child.dep_ in ("nsubj", "poss") or (child.dep_ == "agent"):
            phrase = next((c for c in child.children if c.dep_ == "pobj"), child) \
                if child.dep_ == "agent" else child
            actor = actor or _actor(phrase, actors)
        elif child.dep_ == "dobj" or (child.dep_ == "nsubjpass" and any(
                c.dep_ == "agent" for c in tok.children)):    # not "forces are engaged in fighting"
            target = target or _actor(child, actors)
        elif child.dep_ == "prep" and child.lower_ in ("on", "against") and tok.pos_ == "NOUN":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            target = target or (_actor(obj, actors) if obj is not None else None)
    return actor, (target if target != actor else None)


def _befalls_its_subject(tok: Token, lexicon: EventLexicon) -> bool:
    """A verb of what befalls people ("kill", "detain") without an object or an agent."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in lexicon.outcomes.verbs and \
        not any(c.dep_ in ("dobj", "agent", "ccomp") for c in tok.children)


def _actor(phrase: Token, actors: ActorIndex) -> Optional[str]:
    """The actor a phrase names, up to its own "of" phrase and not what it is at or in
    ("charities at the Norway-hosted conference" name no one)."""
    last = _own_phrase_end(phrase)
    return actors.at(phrase.left_edge.idx, last.idx + len(last))


def claimant(tok: Token, positions: Iterable[Position], actors: ActorIndex) -> Optional[str]:
    """The speaker whose reported words hold the trigger, the narrowest report first; else the
    actor of "according to X" in the sentence."""
    holding = sorted((p for p in positions if p.actor and p.content_span
                      and p.content_span[0] <= tok.idx < p.content_span[1]),
                     key=lambda p: p.content_span[1] - p.content_span[0])
    if holding:
        return holding[0].actor
    for word in tok.sent:
        if word.lower_ == "to" and word.i > 0 and word.nbor(-1).lower_ == "according":
            obj = next((c for c in word.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _actor(obj, actors)
    return None


def _event_span(tok: Token) -> tuple[int, int]:
    """The trigger with its subject and object: "an Afghan and coalition force killed the
    Taliban leader"; a noun trigger with its modifiers: "a coalition air strike"."""
    parts = [tok]
    if tok.pos_ in ("VERB", "AUX"):
        parts += [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "prt", "agent")]
    else:
        parts += [c for c in tok.children if c.i < tok.i and c.dep_ in ("det", "amod", "compound", "poss", "nmod")]
    sent = tok.sent
    start = max(sent.start_char, min(p.left_edge.idx if p is not tok else p.idx for p in parts))
    last = max((p.right_edge if p is not tok else p for p in parts), key=lambda t: t.i)
    return start, min(sent.end_char, last.idx + len(last))


def _confidence(tok: Token, when, where, who: Optional[str],
                claimed: Optional[str]) -> float:
    """The rule of thumb: a noun in the plural tells a kind of event or a tally more often
    than one event ("drone attacks", "air raids"; a third of the hand-labelled wrong events were
    tallies, habits or states)."""
    score = 0.5 + 0.1 * bool(when) + 0.1 * bool(where) + 0.1 * bool(who) + \
        0.1 * (tok.pos_ in ("VERB", "AUX")) - 0.1 * bool(claimed) - 0.1 * (tok.tag_ in ("NNS", "NNPS"))
    return round(min(score, 0.9), 2)
