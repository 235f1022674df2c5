"""Where an event happened: the most specific place its sentence names where something happens
("in Andar district, Ghazni province", "near Kandahar City") or as what is attacked ("shelled
Stepanakert"), resolved to its first-level area, country and coordinates (``geo``), ambiguous
names by the article's countries. A name written before "province" (or governorate, oblast ...)
is that area, unless it is part of a name the area lists do not know ("Islamic State"); a town
is looked up in GeoNames; a region of the gazetteer is its own area."""
from __future__ import annotations

import re
from typing import Callable, Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

from .. import geo
from ..gazetteer import Gazetteer
from ..model import EventPlace
from ..nlp import entities, entities_in
from .actors import ActorIndex
from .happenings import NAME_LABELS, EventLexicon

LOCATIVE = ("in", "near", "at", "outside", "inside", "around", "across", "throughout", "into",
            "on", "over", "along", "within")
PLACE_LABELS = ("GPE", "LOC", "FAC")
# How specific a place is: a district with its area, a town, an area, a region, a country.
_RANK = {"district": 0, "town": 1, "admin1": 2, "region": 3, "country": 4}


def article_countries(doc: Doc, actors: ActorIndex, gazetteer: Gazetteer) -> list[str]:
    """ISO codes of the states the article names or whose people it names ("Afghan forces"),
    most mentioned first, with the states of the regions it names."""
    counts: dict[str, int] = {}
    for actor in actors.actors:
        if actor.type in ("state", "region"):
            counts[actor.id] = counts.get(actor.id, 0) + len(actor.mentions)
    for ent in entities(doc):
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



def place_in(sent: SpacySpan, lexicon: EventLexicon, gazetteer: Gazetteer,
             countries: list[str], keep: Optional[Callable[[Token, bool], bool]] = None,
             trigger: Optional[Token] = None) -> Optional[tuple[EventPlace, tuple[int, int]]]:
    """The most specific place a sentence names where something happens, with its span; with
    ``keep``, only the places it keeps (given a place's first word, and whether it is written
    as an area: "Andar district", "Ghazni province"); with ``trigger``, a place its own words
    name first ("In Washington, Obama condemned the attack in Nice" happened in Nice). Not the
    place a dateline names: where the news was filed from, not where it happened."""
    filed = dateline_end(sent)
    candidates = [c for c in _named_levels(sent, lexicon, gazetteer, countries)
                  if c[1] >= filed and (keep is None or keep(_token_at(sent, c[1]), c[4]))]
    if not candidates:
        return None
    own = range(trigger.left_edge.idx, trigger.right_edge.idx + len(trigger.right_edge)) \
        if trigger is not None and trigger.pos_ in ("NOUN", "PROPN") else range(0)
    rank, start, end, place, _ = min(candidates, key=lambda c: (c[1] not in own, c[0], c[1]))
    return place, (start, end)


# A dateline opening a sentence: capitalised words ("KABUL, Afghanistan") then a date or a
# source in parentheses at a line's end or before a dash ("(Jan. 25, 2013)", "(Reuters) -"), or
# a place in capitals before a dash ("BEIRUT -", "GAZA CITY, Gaza Strip -").
_DATELINE = re.compile(
    r"\s*(?:[A-Z][^\s,()]*(?:[ ,]+[A-Z][^\s,()]*){0,4}\s*\([^()\n\u2028\u2029]{1,40}\)"
    r"\s*?(?:[-\u2013\u2014]|(?=[\n\u2028\u2029])|$)"
    r"|[A-Z][A-Z.'\u2019-]+(?:[ ,]+[A-Z][\w.'\u2019-]*){0,4}\s+[-\u2013\u2014]\s)")


def dateline_end(sent: SpacySpan) -> int:
    """Where the dateline that opens a sentence ends (its start when it has none)."""
    found = _DATELINE.match(sent.text)
    return sent.start_char + (found.end() if found else 0)


def _named_levels(sent: SpacySpan, lexicon: EventLexicon, gazetteer: Gazetteer,
                  countries: list[str]):
    """(rank, start, end, place, written as an area) for each place of the sentence."""
    areas = list(_areas(sent, lexicon, countries))
    for start, end, name, code in areas:
        yield _RANK["admin1"], start, end, _with_seat(EventPlace(name=name, admin1=name,
                                                                 country=geo.country_name(code)), code), True
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
            yield _RANK["district"], name_toks[0].idx, tok.idx + len(tok), _with_seat(place, code), True
            continue
        beside = _area_beside(tok, gazetteer, countries)
        if beside is not None:
            place = EventPlace(name=_text(name_toks), admin1=beside.admin1, country=beside.country)
            yield _RANK["district"], name_toks[0].idx, tok.idx + len(tok), place, True
            continue
        found = _town(_text(name_toks), countries)     # "in Musa Qal'ah district": its centre
        if found:
            yield _RANK["town"], name_toks[0].idx, tok.idx + len(tok), found, True
    taken = {(a[0], a[1]) for a in areas}
    for found_ent in entities_in(sent):
        ent = _with_suffix(found_ent, lexicon) if found_ent.label_ in PLACE_LABELS else found_ent
        if ent.label_ not in PLACE_LABELS or not _locative(ent, lexicon):
            continue
        if any(s <= ent.start_char < e for s, e in taken) or _before_level_word(ent, lexicon):
            continue
        found = _resolve(ent.text, gazetteer, countries) or _resolve(
            _without_suffix(ent.text, lexicon), gazetteer, countries)
        if found:
            yield found[0], ent.start_char, ent.end_char, found[1], False
        elif geo.is_city_name(ent.text):
            # A town that cannot be told from its namesakes ("Paris" of an article naming the
            # United States, not France): its name alone, with no area, country or point, and
            # not a wider place of another clause ("a company in Germany").
            yield _RANK["town"], ent.start_char, ent.end_char, EventPlace(name=ent.text), False


def _area_beside(tok: Token, gazetteer: Gazetteer, countries: list[str]) -> Optional[EventPlace]:
    """The place written right after a district ("Zharay district, Kandahar, a force ..."), when
    it has a first-level area: the district's area, however the parser attached the name."""
    doc = tok.doc
    if tok.i + 2 >= tok.sent.end or doc[tok.i + 1].text != ",":
        return None
    ent = next((e for e in entities_in(tok.sent) if e.start == tok.i + 2 and e.label_ in PLACE_LABELS), None)
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
    often taken for a person), and what is glued to them by a dash or an apostrophe. A line
    break of a wrapped line between them is passed over ("Paktika\u2028province")."""
    doc, words = tok.doc, []
    i = tok.i - 1
    while i >= tok.sent.start and (_name_word(doc[i], demonyms) or (words and _glued(doc[i]))
                                   or doc[i].is_space):
        if not doc[i].is_space:
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


def _locative(ent: SpacySpan, lexicon: EventLexicon) -> bool:
    """A place named where something happens or as what is hit, not as who acts: "in Kabul",
    "shelled Stepanakert", "in Zharay district, Kandahar", "in the port city of Aden"; not
    "Kabul said", "Afghan officials", nor a place of a relative clause about something else
    ("the region that broke away from Azerbaijan"), nor a place inside a name ("the Islamic
    State in Iraq and the Levant")."""
    root = ent.root
    if any(a.dep_ == "relcl" for a in root.ancestors) or _inside_a_name(root):
        return False
    if root.dep_ == "pobj" and root.head.lower_ == "of" and \
            root.head.head.lemma_.lower() in lexicon.place_nouns:
        root = root.head.head       # "the city of Aden" stands where "Aden" would
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


def _with_suffix(ent: SpacySpan, lexicon: EventLexicon) -> SpacySpan:
    """A place with the town word the recogniser left after it ("Kabul" of "in Kabul City"),
    so that the phrase, not its first word, is what the sentence places something in."""
    doc = ent.doc
    if ent.end < ent.sent.end and doc[ent.end].lower_ in lexicon.place_suffixes and \
            doc[ent.end].text[:1].isupper():
        return SpacySpan(doc, ent.start, ent.end + 1, label=ent.label_)
    return ent


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


_NAME = r"[A-Z][^\W\d_]*(?:['\u2019 -][^\W\d_]+)*"      # "Sangin", "Musa Qal'ah", "Nad-e Ali"
_HEADING = re.compile(rf"({_NAME})/({_NAME})")


def heading_place(line: str, countries: list[str]) -> Optional[EventPlace]:
    """The place a heading of a town and its first-level area joined by a slash names
    ("Sangin/Helmand" over a paragraph of an operational update): the town when it lies in
    that area, else the area."""
    match = _HEADING.fullmatch(line.strip())
    area = (geo.subdivision(match.group(2), countries) or
            geo.subdivision_anywhere(match.group(2))) if match else None
    if area is None:
        return None
    code, admin1 = area
    town = geo.town(match.group(1), [code])
    if town is not None and town.admin1 == admin1:
        return _place_of(town)
    return _with_seat(EventPlace(name=admin1, admin1=admin1, country=geo.country_name(code)), code)


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


# --- which clause a place belongs to ------------------------------------------------------

_CLAUSE_DEPS = ("advcl", "relcl", "acl", "ccomp", "xcomp", "csubj", "parataxis")
_FRAME_LINKS = ("ccomp", "xcomp", "parataxis")


def in_clause_of(word: Token, trigger: Token, same_time: frozenset[str] = frozenset(),
                 below: bool = False) -> bool:
    """Whether a place's word tells where the trigger's event happened: it is in the trigger's
    clause, counting the verbs joined to it ("killed one and detained two in Khas district"),
    its participles ("killed two, wounding three in Kabul", "while targeting a leader"), what
    describes its nouns ("an operation to arrest a leader in Ishkamish district") and a clause
    of the same time (``same_time`` marks: "detained two when a cache was found in Marjeh");
    with ``below``, in any clause under it too ("captured a leader who led attacks, in Paktika
    province"); or it is attached to a clause that reports it ("In Helmand, officials said
    forces killed five"), but not inside that clause's subject ("a group in the southern
    Philippines said killing ..."). Not a place of another clause of the sentence ("held in a
    prison in Tripoli, after an air attack exposed ...")."""
    place, frame = _clause(word, same_time), _clause(trigger, same_time)
    if place.i == frame.i or (below and frame in place.ancestors):
        return True
    while frame.dep_ in _FRAME_LINKS and frame.head.i != frame.i:
        frame = _clause(frame.head, same_time)
        if frame.i == place.i:
            return not _in_subject(word, place)
    return False


def _clause(word: Token, same_time: frozenset[str]) -> Token:
    """The head of the clause a word is in, a participle or a noun's description being part of
    the clause it hangs on."""
    while word.head.i != word.i and not (word.dep_ in _CLAUSE_DEPS and
                                         not _part_of_head(word, same_time)):
        word = word.head
    return word


def _part_of_head(word: Token, same_time: frozenset[str]) -> bool:
    """A clause without its own subject that hangs on a noun ("an operation to arrest ...",
    "a leader operating in ...") or completes a verb ("tried to fly over Stepanakert"), a
    participle of a verb ("..., wounding three"), or a clause of the same time ("when a cache
    was found", "as the force tracked")."""
    if word.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in same_time
                                    for c in word.children):
        return True
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in word.children):
        return False
    if word.dep_ in ("acl", "xcomp"):
        return True
    return word.dep_ == "advcl" and word.tag_ in ("VBG", "VBN") and \
        not any(c.dep_ in ("aux", "auxpass") for c in word.children)


def _in_subject(word: Token, clause: Token) -> bool:
    while word.i != clause.i and word.head.i != word.i:
        if word.dep_ in ("nsubj", "nsubjpass") and word.head.i == clause.i:
            return True
        word = word.head
    return False


def _token_at(sent: SpacySpan, char: int) -> Token:
    return next((t for t in sent if t.idx <= char < t.idx + len(t.text)), sent.root)
