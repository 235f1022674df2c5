"""Names the statistical NER cut short or missed, repaired from the tokens around them.

- A person or organisation the model ends too early takes the capitalised proper nouns that
  follow it in the same line: "President Abd-Rabbu [Mansour Hadi]", "the Bureau of
  Investigative [Journalism]"; an organisation also the state it is "of": "the Communist
  Party [of the Philippines]".
- A person named after a capitalised title the model folded into an organisation, or did not
  tag at all, becomes a person: "Department of State Spokesperson Heather Nauert".
- An organisation the model tags for a name with no organisation word, written the way a
  person is (a possessor before it, a title beside it), is a person: "Al Jazeera's Jamal
  Elshayyal".
- A name the model runs on past a possessive is two: "the Zionist Union Party's Nachman Shai".
- A person's name the model runs on into their employer ends before "of": "Carlos Conde of
  Human Rights Watch"; a name of either kind ends before a dash set off by spaces: "Joshua
  Landis - director"; and before the bracket that opens its acronym.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..nlp import GAZETTEER_SPANS, entities, span_text, tokens_of
from .titles import TitleLexicon, title_after, title_before

_MAX_NAME = 4


def repaired_entities(doc: Doc, titles: TitleLexicon, particles: frozenset[str],
                      collectives: frozenset[str]) -> list[SpacySpan]:
    """The doc's entities with cut names extended and people after titles split out."""
    demonyms = {t for span in doc.spans.get(GAZETTEER_SPANS, []) if span.label_ == "NORP"
                for t in range(span.start, span.end)}
    ents = []
    for ent in entities(doc):
        if ent.ent_id_ or ent.label_ not in ("PERSON", "ORG", "GPE"):
            ents.append(ent)
            continue
        for piece in (p for c in _comma_pieces(ent) for p in _possessive_pieces(c, collectives)):
            piece = _before_bracket(_before_dash(_extended(_given_name_before(piece, titles, demonyms),
                                                           titles, particles))) \
                if piece.label_ != "GPE" else piece
            ents.append(_without_leading_title(_before_of(piece), titles, demonyms)
                        if piece.label_ == "PERSON" else piece)
    ents = _joined_across_bracket(_joined_across_and(_without_overlaps(ents)))
    found: list[SpacySpan] = []
    for ent in ents:
        if ent.label_ == "ORG" and not ent.ent_id_ and _inside_title(ent, titles):
            continue    # "State" of "Secretary of State"
        if ent.label_ == "ORG" and not ent.ent_id_:
            found.extend(_split_titled_person(ent, titles))
        else:
            found.append(ent)
    taken = {t for ent in found for t in range(ent.start, ent.end)}
    found.extend(_titled_people(doc, titles, taken))
    return sorted(found, key=lambda e: e.start)


def looks_like_person(ent: SpacySpan, titles: TitleLexicon, particles: frozenset[str]) -> bool:
    """A name of 2-3 capitalised words (particles aside) the text treats as a person: possessed
    by an organisation ("Al Jazeera's Jamal Elshayyal") or with a title before or after it
    ("UN envoy Staffan de Mistura")."""
    words = [t for t in ent if t.text not in ("-",) and t.lower_ not in particles]
    if not 2 <= len(words) <= 3 or not all(t.text[:1].isupper() and t.is_alpha for t in words):
        return False
    doc = ent.doc
    possessed = ent.start >= 2 and doc[ent.start - 1].text in ("'s", "\u2019s") \
        and doc[ent.start - 2].ent_type_ in ("ORG", "GPE")
    return possessed or _particle_inside(ent, particles) \
        or _titled(title_before(doc, ent.start, None, titles, _nobody)) \
        or _titled(title_after(doc, ent.end, None, titles, _nobody))


def _particle_inside(ent: SpacySpan, particles: frozenset[str]) -> bool:
    """"Staffan de Mistura", "Ursula von der Leyen": a particle standing alone between the
    capitalised words is how people are named (bodies join theirs with a hyphen: "Ansar al-Sharia")."""
    inner = ent[1:-1]
    return len(inner) > 0 and all(t.lower_ in particles and t.text.islower() and t.whitespace_ for t in inner)


def _nobody(start: int, end: int) -> None:
    """No actor is looked up where only whether a title is written matters."""
    return None


def _titled(found) -> bool:
    return bool(found and found.title)


def _given_name_before(ent: SpacySpan, titles: TitleLexicon, demonyms: set[int]) -> SpacySpan:
    """"Ahmet [Ogras]": a person the model starts too late takes the given names before it,
    capitalised proper nouns that qualify the name in the same line and are no title, rank,
    honorific or demonym ("Foreign Minister [Ahmet Ogras]" stays without the office)."""
    if ent.label_ != "PERSON":
        return ent
    doc, start = ent.doc, ent.start
    while start > max(0, ent.start - 2) and _given_name(doc[start - 1], ent, titles, demonyms):
        start -= 1
    return ent if start == ent.start else SpacySpan(doc, start, ent.end, label=ent.label_)


def _given_name(token: Token, ent: SpacySpan, titles: TitleLexicon, demonyms: set[int]) -> bool:
    return _name_word(token) and token.tag_ == "NNP" and not token.ent_type_ \
        and token.dep_ == "compound" and ent.start <= token.head.i < ent.end \
        and "\n" not in token.whitespace_ and token.i not in demonyms \
        and not titles.names_office(token.lower_) and token.lower_ not in titles.qualifiers \
        and token.lower_ not in titles.relations and token.lower_ not in titles.past


def _extended(ent: SpacySpan, titles: TitleLexicon, particles: frozenset[str]) -> SpacySpan:
    doc = ent.doc
    end = ent.end
    while end < len(doc) and end - ent.start < _MAX_NAME + 4 and "\n" not in doc[end - 1].whitespace_ \
            and not titles.names_office(doc[end].lower_):
        piece = _name_piece(doc, end, ent.label_, particles) or \
            (_of_a_state(doc, end) if ent.label_ == "ORG" else 0)
        if not piece:
            break
        end += piece
    return ent if end == ent.end else SpacySpan(doc, ent.start, end, label=ent.label_)


def _of_a_state(doc: Doc, i: int) -> int:
    """How many tokens from ``i`` are "of [the] <a state or place the NER tagged>" ending an
    organisation's name: "Communist Party" + "of the Philippines", "University" + "of Tehran"."""
    if doc[i].lower_ != "of" or not doc[i].whitespace_:
        return 0
    j = i + 1
    if j + 1 < len(doc) and doc[j].lower_ == "the" and doc[j].ent_iob_ != "B":
        j += 1      # "of the Philippines", with "the" inside the place's name or not
    if j >= len(doc) or doc[j].ent_type_ != "GPE" or doc[j].ent_iob_ != "B":
        return 0
    j += 1
    while j < len(doc) and doc[j].ent_iob_ == "I" and doc[j].ent_type_ == "GPE":
        j += 1
    return j - i


def _name_piece(doc: Doc, i: int, label: str, particles: frozenset[str]) -> int:
    """How many tokens from ``i`` go on the name before them: a capitalised proper noun, a
    particle with the name after it ("bin Raad", "al-Hussein"), or a person the NER tagged
    apart right after ("Prince Zeid" + "bin Raad al-Hussein")."""
    token = doc[i]
    if token.ent_iob_ == "B" and token.ent_type_ == label == "PERSON" and not token.ent_id_:
        j = i + 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        return j - i
    if token.ent_iob_ != "O" or not doc[i - 1].whitespace_ and token.lower_ not in particles:
        return 0
    if _name_word(token):
        return 1
    if token.lower_ in particles and i + 2 < len(doc):
        if doc[i + 1].text == "-" and _name_word(doc[i + 2]) and not token.whitespace_:
            return 3
        if token.whitespace_ and _name_word(doc[i + 1]) and doc[i + 1].ent_iob_ == "O":
            return 1
    return 0


def _comma_pieces(ent: SpacySpan) -> list[SpacySpan]:
    """"Azaz, Jarablus" tagged as one organisation is two names."""
    pieces, start = [], ent.start
    for token in ent:
        if token.text == ",":
            if token.i > start:
                pieces.append(SpacySpan(ent.doc, start, token.i, label=ent.label_))
            start = token.i + 1
    if start < ent.end:
        pieces.append(SpacySpan(ent.doc, start, ent.end, label=ent.label_) if start > ent.start else ent)
    return pieces


def _possessive_pieces(ent: SpacySpan, collectives: frozenset[str]) -> list[SpacySpan]:
    """"the Zionist Union Party's [Nachman Shai]", "Nega's Coalition for Unity and Democracy"
    tagged as one name is the possessor's name, then the name of whom or what it owns (a
    person when a person's name goes on after it); a name ending in "'s" is the name without.
    A people or a class in the possessive is inside the name ("the Ethiopian People's
    Revolutionary Party": ``collectives``)."""
    cut = next((t.i for t in ent if t.tag_ == "POS" and t.i > ent.start
                and ent.doc[t.i - 1].lower_ not in collectives), None)
    if cut is None:
        return [ent]
    doc = ent.doc
    pieces = [SpacySpan(doc, ent.start, cut, label=ent.label_)]
    if cut + 1 < ent.end:
        person_next = ent.end < len(doc) and doc[ent.end].ent_type_ == "PERSON"
        pieces.append(SpacySpan(doc, cut + 1, ent.end, label="PERSON" if person_next else ent.label_))
    return pieces


def _without_leading_title(ent: SpacySpan, titles: TitleLexicon, demonyms: set[int]) -> SpacySpan:
    """"Spokesperson Laura Brennan", "Qatari Emir Sheikh Tamim bin Hamad" tagged as the
    person's name → "Laura Brennan", "Tamim bin Hamad": demonyms and titles come off the front."""
    start = ent.start
    while ent.end - start > 2:
        if start in demonyms:
            start += 1
            continue
        width = next((w for w in range(min(titles.longest, ent.end - start - 2), 0, -1)
                      if titles.names_office(ent.doc[start:start + w].text.lower())), 0)
        if not width:
            break
        start += width
    return ent if start == ent.start else SpacySpan(ent.doc, start, ent.end, label=ent.label_)


def _before_of(ent: SpacySpan) -> SpacySpan:
    """"Carlos Conde of Human Rights Watch" tagged as one person's name → "Carlos Conde": the
    body the person works for follows "of"."""
    cut = next((t.i for t in ent if t.lower_ == "of" and t.i > ent.start and t.i + 1 < ent.end
                and ent.doc[t.i + 1].text[:1].isupper()), None)
    return ent if cut is None else SpacySpan(ent.doc, ent.start, cut, label=ent.label_)


_DASHES = ("-", "\u2013", "\u2014")


def _before_dash(ent: SpacySpan) -> SpacySpan:
    """"Joshua Landis - director of …" tagged as one name (a guest list, a caption) → "Joshua
    Landis": a dash set off by spaces ends a name or an organisation's; one inside a word
    ("Abd-Rabbu", "Tev-Dem") does not."""
    cut = next((t.i for t in ent if t.text in _DASHES and t.i > ent.start
                and ent.doc[t.i - 1].whitespace_), None)
    return ent if cut is None else SpacySpan(ent.doc, ent.start, cut, label=ent.label_)


def _before_bracket(ent: SpacySpan) -> SpacySpan:
    """"the French Council of the Muslim Faith (CFCM" tagged as one name → the name before the
    bracket its acronym opens, which then defines the acronym."""
    cut = next((t.i for t in ent if t.text == "(" and t.i > ent.start), None)
    return ent if cut is None or any(t.text == ")" for t in ent) \
        else SpacySpan(ent.doc, ent.start, cut, label=ent.label_)


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha


def _joined_across_and(ents: list[SpacySpan]) -> list[SpacySpan]:
    """"the Alternative Learning Center for Agricultural and Livelihood Development" tagged as
    two organisations is one: the second, after "and", is the object of a word inside the first
    (not a second body coordinated with it: "Hamas and Islamic Jihad")."""
    joined: list[SpacySpan] = []
    for ent in ents:
        last = joined[-1] if joined else None
        if last is not None and last.label_ == ent.label_ == "ORG" and not last.ent_id_ \
                and not ent.ent_id_ and ent.start == last.end + 1 and ent.doc[last.end].lower_ == "and" \
                and ent.root.dep_ != "conj" and last.start <= ent.root.head.i < last.end:
            joined[-1] = SpacySpan(ent.doc, last.start, ent.end, label="ORG")
        else:
            joined.append(ent)
    return joined


def _joined_across_bracket(ents: list[SpacySpan]) -> list[SpacySpan]:
    """"the same policy [Zine al-Abidine] Ben Ali employed": a given name an editor put in
    square brackets before a surname is one person with it, not two."""
    joined: list[SpacySpan] = []
    for ent in ents:
        last = joined[-1] if joined else None
        doc = ent.doc
        if last is not None and last.label_ == ent.label_ == "PERSON" and ent.start == last.end + 1 \
                and doc[last.end].text == "]" and last.start and doc[last.start - 1].text == "[":
            joined[-1] = SpacySpan(doc, last.start, ent.end, label="PERSON")
        else:
            joined.append(ent)
    return joined


def _without_overlaps(ents: list[SpacySpan]) -> list[SpacySpan]:
    kept: list[SpacySpan] = []
    for ent in sorted(ents, key=lambda e: (e.start, -len(e))):
        if not kept or ent.start >= kept[-1].end:
            kept.append(ent)
    return kept


def _inside_title(ent: SpacySpan, titles: TitleLexicon) -> bool:
    doc = ent.doc
    for start in range(max(0, ent.start - titles.longest), ent.start + 1):
        for end in range(ent.end, min(len(doc), start + titles.longest) + 1):
            if titles.names_office(span_text(doc, start, end).lower()):
                return True
    return False


def _split_titled_person(ent: SpacySpan, titles: TitleLexicon) -> list[SpacySpan]:
    """"Department of State Spokesperson Heather Nauert" → the body, then the person."""
    for i in range(ent.start, ent.end - 1):
        person = _person_after_title(ent.doc, i, titles, ent.end)
        if person is not None and person.end == ent.end:
            before = [SpacySpan(ent.doc, ent.start, i, label="ORG")] if i > ent.start else []
            return before + [person]
    return [ent]


def _titled_people(doc: Doc, titles: TitleLexicon, taken: set[int]) -> list[SpacySpan]:
    """"Spokesperson Laura Brennan", "his Turkish counterpart, Ahmet Yildiz," where the model
    tagged nothing."""
    found = []
    for i in range(len(doc)):
        if i in taken:
            continue
        person = _person_after_title(doc, i, titles, len(doc)) or _person_in_apposition(doc, i, titles)
        if person is not None and not any(t in taken for t in range(person.start, person.end)):
            found.append(person)
            taken.update(range(person.start, person.end))
    return found


def _person_in_apposition(doc: Doc, i: int, titles: TitleLexicon):
    """"counterpart, Ahmet Yildiz," : 2-4 capitalised proper nouns set off by commas after a
    title or a relation word, in apposition to it."""
    words = tokens_of(doc)
    word = words[i].lower_
    if not (titles.names_office(word) or word in titles.relations) or i + 3 >= len(doc) \
            or words[i + 1].text != ",":
        return None
    start = end = i + 2
    while end < len(doc) and end - start < _MAX_NAME and _name_word(words[end]):
        end += 1
    closed = end == len(doc) or words[end].is_punct
    if end - start >= 2 and closed and words[end - 1].dep_ == "appos" and words[end - 1].head.i == i:
        return SpacySpan(doc, start, end, label="PERSON")
    return None


def _person_after_title(doc: Doc, i: int, titles: TitleLexicon, limit: int):
    """The 2-4 capitalised proper nouns right after a capitalised title starting at ``i``."""
    words = tokens_of(doc)
    if not words[i].text[:1].isupper():
        return None
    for width in range(min(titles.longest, limit - i), 0, -1):
        form = span_text(doc, i, i + width).lower()
        if form not in titles.offices and form not in titles.ranks:
            continue
        if not words[i + width - 1].text[:1].isupper():
            return None
        start = end = i + width
        while end < limit and end - start < _MAX_NAME and _name_word(words[end]) \
                and "\n" not in words[end - 1].whitespace_:
            end += 1
        return SpacySpan(doc, start, end, label="PERSON") if end - start >= 2 else None
    return None
