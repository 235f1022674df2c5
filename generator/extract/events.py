"""Events: what happened, when, where, by whom, to whom, with what toll, as the text states it.

One event per sentence that tells a stated event (``happenings``), not one told as background
in a relative clause about someone ("the man who attacked a patrol"): the first event type of the
lexicon among the sentence's triggers nearest its root names it ("an airstrike killed two
fighters" is an airstrike). An event named by a noun alone ("the operation") must have a date,
a place or a toll in its sentence. Its parts come from the same sentence, a date at most from
the sentences before it in its paragraph, so that nothing is carried over from a sentence
about something else:

- when: the date expression nearest the trigger among those that date it (the trigger's own,
  or its clause's: not the date of another event told as background, "a commander connected
  to the May 3 bombing"), resolved against the article's date or its dateline (``dates``);
  when the sentence binds none, the last date written for the news before it in the same
  paragraph, else, in the paragraph a dateline opens, the dateline's day; else null (the
  article's own date says when it was written, not when this happened). ``date_text`` stays
  null for a date carried, not written. A present perfect ("have captured 80 since March") or a
  sentence with a time no day can be read from ("a month later", "in late 2017") carries none;
- where: the most specific place the sentence names in a locative phrase ("in Andar district,
  Ghazni province", "near Kandahar City") or as what is attacked ("shelled Stepanakert"), else
  the last place named before it in its paragraph,
  resolved to its first-level area, country and coordinates (``geo``), ambiguous names by the
  article's countries. A name written before "province" (or governorate, oblast ...) is that
  area, unless it is part of a name the area lists do not know ("Islamic State"); a town is looked up in GeoNames; a region of the gazetteer is its own area. Places are
  never actors: only actor ids name who did it and to whom;
- who and to whom: the actors named as the trigger's subject or agent, and as its object;
- toll: the figures counted in the sentence;
- claimed by: the speaker whose reported words hold the trigger, or "according to X".

Confidence is a rule of thumb, not a measured calibration: 0.5 for a trigger alone, more for
each of actor or target, date and place the sentence gives, less when a party claims it.
Misses: events told across sentences (each sentence is its own event), places named only in
another paragraph, and dates a misparse hangs on another clause.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

from .. import geo
from ..gazetteer import Gazetteer
from ..model import Event, EventPlace, Figure, Position
from ..nlp import text_of
from .actors import ActorIndex
from .dates import When, dateline_days, dates_in, reference, unread_dates
from .happenings import (NAME_LABELS, EventLexicon, describes, event_type, goes_on, is_background,
                         triggers)

LOCATIVE = ("in", "near", "at", "outside", "inside", "around", "across", "throughout", "into",
            "on", "over", "along", "within")
PLACE_LABELS = ("GPE", "LOC", "FAC")
# How specific a place is: a district with its area, a town, an area, a region, a country.
_RANK = {"district": 0, "town": 1, "admin1": 2, "region": 3, "country": 4}


def extract_events(doc: Doc, actors: ActorIndex, positions: list[Position], figures: list[Figure],
                   lexicon: EventLexicon, gazetteer: Gazetteer, text: str,
                   article_date: Optional[str] = None) -> list[Event]:
    """Doc → the events it states, in text order, ids e1, e2, ... ``text`` is the article as
    read (its dateline may be hidden from the doc)."""
    ref_date, dateline = reference(text, article_date)
    countries = article_countries(doc, actors, gazetteer)
    by_sentence: dict[int, list[tuple[Token, str]]] = {}
    for tok, kind in triggers(doc, lexicon):
        if not is_background(tok, lexicon):
            by_sentence.setdefault(tok.sent.start, []).append((tok, kind))
    context = _Paragraphs(doc, text, ref_date, dateline, lexicon)
    events: list[Event] = []
    for found in by_sentence.values():
        tok, kind = main_trigger(found, lexicon)
        sent = tok.sent
        said = _nearest([w for w, ent in context.dates(sent) if _binds(ent, tok, lexicon)], tok)
        where = place_in(sent, lexicon, gazetteer, countries)
        written_place = where is not None
        tolls = [f.id for f in figures if sent.start_char <= f.span[0] and f.span[1] <= sent.end_char]
        if goes_on(tok) and not said:
            continue        # "Fighting in the province continues on two fronts"
        if not _finite(tok) and not (said or where or tolls):
            continue        # "talk about negotiations ... when military operations are underway"
        unread = [ent for ent in unread_dates(sent, ref_date, dateline, lexicon.date_words)
                  if _binds(ent, tok, lexicon)]
        when = said or (None if _perfect(tok) or unread else context.carried(events, sent, tok.idx))
        where = where or context.carried_place(
            events, sent, lambda s: place_in(s, lexicon, gazetteer, countries))
        actor, target = _roles(tok, actors)
        claimed = claimant(tok, positions, actors)
        start, end = _event_span(tok)
        events.append(Event(
            id=f"e{len(events) + 1}", type=kind, text=text_of(doc)[start:end], span=(start, end),
            sentence=" ".join(sent.text.split()),
            date=when.start if when else None, date_end=when.end if when else None,
            date_text=when.text if when and when.text else None,
            date_span=when.span if when and when.text else None,
            place=where[0] if where else None, place_span=where[1] if where else None,
            actor=actor, target=target, figures=tolls, claimed_by=claimed,
            confidence=_confidence(tok, when and when.text, written_place, actor or target, claimed)))
    return events


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
    precision airstrike", "was killed in an airstrike"."""
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ in lexicon.means_prepositions and \
        prep.head.i in heads


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


def article_countries(doc: Doc, actors: ActorIndex, gazetteer: Gazetteer) -> list[str]:
    """ISO codes of the states the article names or whose people it names ("Afghan forces"),
    most mentioned first, with the states of the regions it names."""
    counts: dict[str, int] = {}
    for actor in actors.actors:
        if actor.type in ("state", "region"):
            counts[actor.id] = counts.get(actor.id, 0) + len(actor.mentions)
    for ent in doc.ents:
        entry = gazetteer.demonym(ent.text) if ent.label_ == "NORP" else None
        if entry is not None:
            counts[entry.id] = counts.get(entry.id, 0) + 1
    codes: list[str] = []
    for entry_id in sorted(counts, key=lambda k: (-counts[k], k)):
        entry = gazetteer.get(entry_id)
        state = gazetteer.get(entry.affiliation) if entry and entry.type == "region" else entry
        code = geo.country_code(state.name) if state else None
        if code and code not in codes:
            codes.append(code)
    return codes


_PARAGRAPH_BREAK = re.compile(r"[\n\u2028\u2029]|[ \t\u00a0]{3,}")


class _Paragraphs:
    """What a sentence without its own date or place may carry from its paragraph: the
    dates an article writes (each sentence's read once) and the places before it."""

    def __init__(self, doc: Doc, text: str, reference: Optional[str],
                 dateline: list[tuple[int, int]], lexicon: EventLexicon):
        self.text, self.reference = text, reference
        self.skip, self.words, self.lexicon = dateline, lexicon.date_words, lexicon
        self._found: dict[int, list[tuple[When, SpacySpan]]] = {}
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
        suspect"); else, in the paragraph the dateline opens, the dateline's date. Else none:
        the article's own date says when it was written, not when this happened. ``text`` and
        ``span`` stay empty: the sentence did not say it."""
        para = self._paragraph_start(sent.start_char)
        before: list[tuple[int, When]] = [(e.span[0], When(e.date, e.date_end, "", (0, 0)))
                                          for e in events if e.date and para <= e.span[0]]
        for earlier in self._earlier(sent, para):
            before += [(w.span[0], When(w.start, w.end, "", (0, 0)))
                       for w, ent in self.dates(earlier)
                       if _path_is_news(ent.root, None, self.lexicon)]
        if before:
            return max(before, key=lambda b: b[0])[1]
        for start, end, day in self.leads:
            if start <= at < end:
                return When(day, None, "", (0, 0))
        return None


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
        return max(before, key=lambda b: b[0])[1] if before else None

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


def _finite(tok: Token) -> bool:
    """A verb that tells something happen, not a noun nor a gerund used as one ("Cash for
    killing", "after overrunning large areas", "encourages killing")."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    return not (tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "pobj", "dobj", "nsubj", "ROOT")
                and not any(c.dep_ in ("aux", "auxpass") for c in tok.children))


def _perfect(tok: Token) -> bool:
    """A present perfect ("have captured more than 80", "has conducted four operations") tells
    a tally or a state, not one event on a day: it takes no date from another sentence."""
    verb = tok
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ")
               for c in verb.children)


def _anchor(ent: SpacySpan, lexicon: EventLexicon) -> Optional[Token]:
    """The verb or event noun a date expression modifies: the first such word above it."""
    word = ent.root
    while word.head.i != word.i:
        word = word.head
        if word.pos_ in ("VERB", "AUX") or (word.pos_ in ("NOUN", "PROPN")
                                            and event_type(word, lexicon) is not None):
            return word
    return None


def _path_is_news(low: Token, high: Optional[Token], lexicon: EventLexicon) -> bool:
    """No description (``describes``) or record word from a word up to one above it, or up to
    the root."""
    word = low
    while (high is None or word.i != high.i) and word.head.i != word.i:
        if describes(word, lexicon) or word.lemma_.lower() in lexicon.record_words:
            return False
        word = word.head
    return True


def _binds(ent: SpacySpan, tok: Token, lexicon: EventLexicon) -> bool:
    """Whether a date expression dates the event of ``tok``: it modifies the trigger or a verb
    above it ("conducted a strike today"), or a verb or event below it on a path of news
    ("detained two men during an operation yesterday"); not another event inside a record or a
    description ("a leader responsible for an attack Jan. 7", "connected to the July 2
    attack", "operations that began July 25")."""
    anchor = _anchor(ent, lexicon)
    if anchor is None or anchor.i == tok.i or anchor in tok.ancestors:
        return True
    return tok in anchor.ancestors and _path_is_news(anchor, tok, lexicon)


def _nearest(found: list[When], tok: Token) -> Optional[When]:
    if not found:
        return None
    return min(found, key=lambda w: (abs(w.span[0] - tok.idx), w.span[0]))


# --- places -------------------------------------------------------------------------------

def place_in(sent: SpacySpan, lexicon: EventLexicon, gazetteer: Gazetteer,
             countries: list[str]) -> Optional[tuple[EventPlace, tuple[int, int]]]:
    """The most specific place a sentence names where something happens, with its span."""
    candidates = list(_named_levels(sent, lexicon, gazetteer, countries))
    if not candidates:
        return None
    rank, start, end, place = min(candidates, key=lambda c: (c[0], c[1]))
    return place, (start, end)


def _named_levels(sent: SpacySpan, lexicon: EventLexicon, gazetteer: Gazetteer,
                  countries: list[str]):
    """(rank, start, end, place) for each place of the sentence."""
    areas = list(_areas(sent, lexicon, countries))
    for start, end, name, code in areas:
        yield _RANK["admin1"], start, end, _with_seat(EventPlace(name=name, admin1=name,
                                                                 country=geo.country_name(code)), code)
    for tok in sent:
        if tok.lower_ not in lexicon.district_words or tok.i == sent.start:
            continue
        name_toks = _proper_before(tok)
        if not name_toks:
            continue
        later = [a for a in areas if a[0] >= tok.idx]
        if later:
            _, _, area, code = later[0]
            place = EventPlace(name=_text(name_toks), admin1=area, country=geo.country_name(code))
            yield _RANK["district"], name_toks[0].idx, tok.idx + len(tok), _with_seat(place, code)
            continue
        beside = _area_beside(tok, gazetteer, countries)
        if beside is not None:
            place = EventPlace(name=_text(name_toks), admin1=beside.admin1, country=beside.country)
            yield _RANK["district"], name_toks[0].idx, tok.idx + len(tok), place
            continue
        found = _town(_text(name_toks), countries)     # "in Musa Qal'ah district": its centre
        if found:
            yield _RANK["town"], name_toks[0].idx, tok.idx + len(tok), found
    taken = {(a[0], a[1]) for a in areas}
    for ent in sent.ents:
        if ent.label_ not in PLACE_LABELS or not _locative(ent):
            continue
        if any(s <= ent.start_char < e for s, e in taken) or _before_level_word(ent, lexicon):
            continue
        found = _resolve(ent.text, gazetteer, countries) or _resolve(
            _without_suffix(ent.text, lexicon), gazetteer, countries)
        if found:
            yield found[0], ent.start_char, ent.end_char, found[1]


def _area_beside(tok: Token, gazetteer: Gazetteer, countries: list[str]) -> Optional[EventPlace]:
    """The place written right after a district ("Zharay district, Kandahar, a force ..."), when
    it has a first-level area: the district's area, however the parser attached the name."""
    doc = tok.doc
    if tok.i + 2 >= tok.sent.end or doc[tok.i + 1].text != ",":
        return None
    ent = next((e for e in tok.sent.ents if e.start == tok.i + 2 and e.label_ in PLACE_LABELS), None)
    found = _resolve(ent.text, gazetteer, countries) if ent is not None else None
    return found[1] if found and found[1].admin1 else None


def _areas(sent: SpacySpan, lexicon: EventLexicon, countries: list[str]):
    """First-level areas written as such: "Ghazni province", "the province of Idlib"."""
    for tok in sent:
        if tok.lower_ not in lexicon.admin1_words:
            continue
        name_toks = _proper_before(tok)
        if not name_toks and tok.i + 2 < sent.end and tok.nbor(1).lower_ == "of":
            name_toks = _proper_from(tok.nbor(2))
        found = _subdivision(name_toks, countries) if name_toks else None
        wider = _proper_before(tok, demonyms=True) if found is None else []
        if wider and wider != name_toks and _subdivision(wider, countries):
            # "Faryab province" with Faryab taken for a people: the area lists decide
            name_toks, found = wider, _subdivision(wider, countries)
        if not name_toks:
            continue
        name = _text(name_toks)
        if found is None and (tok.text[:1].isupper() or tok.ent_type_ in NAME_LABELS):
            continue        # "Islamic State", "the Shan State Army": a name, not an area
        code, area = found if found else (countries[0] if countries else None, name)
        yield min(name_toks[0].idx, tok.idx), max(name_toks[-1].idx + len(name_toks[-1]),
                                                  tok.idx + len(tok)), area, code


def _subdivision(name_toks: list[Token], countries: list[str]) -> Optional[tuple[str, str]]:
    name = _text(name_toks)
    return geo.subdivision(name, countries) or geo.subdivision_anywhere(name)


def _proper_before(tok: Token, demonyms: bool = False) -> list[Token]:
    """The name right before a level word: "Andar" of "Andar district", "Sar-e Pul" of "Sar-e
    Pul province". Capitalised words, whatever the tagger made of them (a province's name is
    often taken for a person), and what is glued to them by a dash or an apostrophe."""
    doc, words = tok.doc, []
    i = tok.i - 1
    while i >= tok.sent.start and (_name_word(doc[i], demonyms) or (words and _glued(doc[i]))):
        words.insert(0, doc[i])
        i -= 1
    while words and not _name_word(words[0], demonyms):
        words.pop(0)
    return words


def _proper_from(tok: Token) -> list[Token]:
    words = []
    i = tok.i
    while i < tok.sent.end and (_name_word(tok.doc[i]) or (words and not tok.doc[i - 1].whitespace_
                                                            and tok.doc[i].is_alpha)):
        words.append(tok.doc[i])
        i += 1
    return words


def _glued(tok: Token) -> bool:
    """A dash or apostrophe inside a name, or the particle after one ("Sar-e Pul", "Qal'ah",
    "Pul-e ‘Alam")."""
    doc = tok.doc
    if (tok.text == "-" or tok.text in _APOSTROPHES) and not tok.whitespace_:
        return True
    return tok.is_alpha and tok.i > 0 and not doc[tok.i - 1].whitespace_ and \
        (doc[tok.i - 1].text == "-" or doc[tok.i - 1].text in _APOSTROPHES)


_APOSTROPHES = ("'", "\u2018", "\u2019", "`")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2018\u2019`][^\W\d_]+)*")     # "Qal’ah": an apostrophe inside


def _name_word(tok: Token, demonyms: bool = False) -> bool:
    return tok.text[:1].isupper() and _WORD.fullmatch(tok.text) is not None and \
        (demonyms or tok.ent_type_ != "NORP") and tok.pos_ in ("PROPN", "NOUN", "ADJ", "X", "VERB")


def _text(tokens: list[Token]) -> str:
    return tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text


def _before_level_word(ent: SpacySpan, lexicon: EventLexicon) -> bool:
    nxt = ent.end < len(ent.doc) and ent.doc[ent.end].lower_
    return bool(nxt) and (nxt in lexicon.admin1_words or nxt in lexicon.district_words)


def _locative(ent: SpacySpan) -> bool:
    """A place named where something happens or as what is hit, not as who acts: "in Kabul",
    "shelled Stepanakert", "in Zharay district, Kandahar"; not "Kabul said", "Afghan officials", nor a place of a relative
    clause about something else ("the region that broke away from Azerbaijan"), nor a place
    inside a name ("the Islamic State in Iraq and the Levant")."""
    root = ent.root
    if any(a.dep_ == "relcl" for a in root.ancestors) or _inside_a_name(root):
        return False
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
        return True
    if root.dep_ in ("dobj", "nsubjpass") and root.head.pos_ == "VERB":
        return True
    return root.dep_ in ("conj", "appos") and root.head.dep_ == "pobj" and \
        (root.head.ent_type_ in PLACE_LABELS or root.head.head.lower_ in LOCATIVE)


def _inside_a_name(root: Token) -> bool:
    """The object of a preposition that hangs on a name which is not a place: "State in Iraq"
    (but "Kunduz in northern Afghanistan" is a place in a place)."""
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    if root.dep_ != "pobj" or root.head.dep_ != "prep":
        return False
    owner = root.head.head
    return owner.pos_ == "PROPN" and owner.ent_type_ not in PLACE_LABELS


def _without_suffix(name: str, lexicon: EventLexicon) -> str:
    words = name.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1].lower() in lexicon.place_suffixes else ""


def _resolve(name: str, gazetteer: Gazetteer, countries: list[str]) -> Optional[tuple[int, EventPlace]]:
    if not name:
        return None
    entry = gazetteer.lookup(name)
    if entry is not None and entry.type == "region":
        seat = geo.region_seat(entry.id)
        state = gazetteer.get(entry.affiliation)     # none for a contested territory
        return _RANK["region"], EventPlace(
            name=name, admin1=entry.name, country=state.name if state else None,
            lat=seat.lat if seat else None, lon=seat.lon if seat else None)
    if entry is not None and entry.type == "state" and not gazetteer.is_metonym(name):
        return _RANK["country"], EventPlace(name=entry.name, country=entry.name)
    town = geo.city(name, countries)
    if town is not None:
        return _RANK["town"], _place_of(town)
    area = geo.subdivision(name, countries)
    if area is not None:
        return _RANK["admin1"], _with_seat(EventPlace(name=name, admin1=area[1],
                                                      country=geo.country_name(area[0])), area[0])
    found = _town(name, countries)
    return (_RANK["town"], found) if found else None


def _town(name: str, countries: list[str]) -> Optional[EventPlace]:
    """A district's centre or a village of the article's countries (``geo.town``)."""
    found = geo.town(name, countries)
    return _place_of(found) if found else None


def _place_of(town: geo.Location) -> EventPlace:
    return EventPlace(name=town.name, admin1=town.admin1, country=geo.country_name(town.country),
                      lat=town.lat, lon=town.lon)


def _with_seat(place: EventPlace, code: Optional[str]) -> EventPlace:
    seat = geo.area_seat(place.admin1, code) if place.admin1 else None
    if seat is not None:
        place.lat, place.lon = seat.lat, seat.lon
    return place


# --- who, claimed by, span ----------------------------------------------------------------

def _roles(tok: Token, actors: ActorIndex) -> tuple[Optional[str], Optional[str]]:
    """Who did it (subject, "by" agent, possessive) and to whom (object, passive subject, "on"
    or "against" a noun trigger)."""
    actor = target = None
    for child in tok.children:
        if child.dep_ in ("nsubj", "poss") or (child.dep_ == "agent"):
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


def _actor(phrase: Token, actors: ActorIndex) -> Optional[str]:
    return actors.at(phrase.left_edge.idx, phrase.right_edge.idx + len(phrase.right_edge))


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
    score = 0.5 + 0.1 * bool(when) + 0.1 * bool(where) + 0.1 * bool(who) + \
        0.1 * (tok.pos_ in ("VERB", "AUX")) - 0.1 * bool(claimed)
    return round(min(score, 0.9), 2)
