"""Positions: who said, declared or did what, with source, cue and content spans.

Finds:
- direct quotations in straight or curly quotes and « », across sentences, unterminated ones cut
  at the last full stop, attributed through a speech verb beside them (`"…," Aliyev said`),
  "according to X" or "in his words";
- indirect speech through the dependency parse: a speech verb's clause complement
  ("X said that …", "X told Y …"), infinitive complements of promises and threats ("vowed to
  keep fighting"), its object with what the verb says of it ("chided Obama for …"), what it is
  about ("talked about the wall"), and "according to X" attached to a clause;
- lines with a capitalised label and a colon: transcripts, interviews ("Q: …") and headlines
  ("Paul Ryan: FBI Decision Defies Explanation");
- stance-bearing actions stated by the writer (`kind: reported`): the object of reject, rule
  out, call for, ignore, condemn… and nominal calls ("calls from the UN for a ceasefire");
- speakers behind pronouns, office descriptions ("the head of the Armenian Government"),
  relative clauses and statements put out ("issued a statement saying …"), none for the
  subject of a passive verb ("was asked whether …"), and media that relay a statement (`via`: "according to AFP", "quoted by
  Interfax", "…, Russian news agencies reported").
One position per statement: narration in a speech-like construction (purpose infinitives, force
done by groups, non-speech verbs with nobody behind them) is dropped and verbs inside another
statement's words fold into it; pronouns and descriptions ("he", "the spokesman", "the militia")
follow the speaker model in speakers.py. `scored_positions` keeps the filter's probability.
Misses: speakers named only in an earlier paragraph's topic, attributions in headlines without a
verb, and content spread over several clauses that the parser splits.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc

from ..nlp import text_of
from ..model import Position
from .actors import ActorIndex
from .clauses import according_clauses, nominal_calls, reported_actions, speaker_labels, speech_clauses
from .position_filter import position_features
from .quotes import attach_quotes, find_quotes
from .sources import is_unnamed
from .speakers import relay_through_media, resolve_all
from .speech import Found, PositionFilter, SpeechLexicon, inside, is_speech_verb, rarely_a_cue, word_count
from ..datafile import parse_yaml

__all__ = ["SpeechLexicon", "Found", "load_speech_lexicon", "extract_positions", "candidate_positions",
           "position_features"]


def load_speech_lexicon(folder: Path) -> SpeechLexicon:
    data = parse_yaml((folder / "speech.yaml").read_text(encoding="utf-8"))
    learned = parse_yaml((folder / "speech_learned.yaml").read_text(encoding="utf-8"))
    titles = parse_yaml((folder / "titles.yaml").read_text(encoding="utf-8"))
    return SpeechLexicon(
        speech=frozenset(data["speech"]) | frozenset(learned["speech"]), listed=frozenset(data["speech"]),
        particles=dict(data["particles"]),
        cue_share={lemma: float(share) for lemma, share in learned["speech"].items()},
        filter=PositionFilter.load(folder / "position_filter.json"),
        cue_prepositions={verb: tuple(preps) for verb, preps in data["cue_prepositions"].items()},
        cue_adverbs=frozenset(data["cue_adverbs"]),
        topic_prepositions=frozenset(data["topic_prepositions"]),
        infinitive=frozenset(data["infinitive"]), reported=frozenset(data["reported"]),
        nominal=frozenset(data["nominal"]),
        according=tuple(tuple(p.split()) for p in data["according"]),
        in_words=tuple(tuple(p.split()) for p in data["in_words"]),
        office_references={r["phrase"]: r["title"] for r in titles["office_references"]},
        descriptions={word: frozenset(types) for word, types in data["descriptions"].items()},
        person_descriptions=frozenset(data["person_descriptions"]), same_office=dict(data["same_office"]),
        lesser_ranks=frozenset(data["lesser_ranks"]),
        force=frozenset(data["force"]), mute_subjects=frozenset(data["mute_subjects"]),
        support_verbs=frozenset(data["material_support"]["verbs"]),
        supported_bodies=frozenset(data["material_support"]["bodies"]), commands=frozenset(data["commands"]),
        act_share=float(data["act_share"]), deed_share=float(data["deed_share"]),
        source_verbs=frozenset(data["source_verbs"]), owner_speakers=frozenset(data["owner_speakers"]),
        person_voices=frozenset(data["person_voices"]),
        owner_prepositions=frozenset(data["owner_prepositions"]),
        question_verbs=frozenset(data["question_verbs"]), question_words=frozenset(data["question_words"]),
        hypothetical=frozenset(data["hypothetical"]), abstentions=frozenset(data["abstentions"]),
        speaking=frozenset(data["speaking"]),
        speculation=frozenset(data["speculation"]), anonymity=frozenset(data["anonymity"]),
        charges=frozenset(data["charges"]), references=frozenset(data["references"]),
        occasions=frozenset(data["occasions"]),
        unnamed_sources=frozenset(data["unnamed_sources"]), relays=tuple(data["relays"]))


def extract_positions(doc: Doc, actors: ActorIndex, lexicon: SpeechLexicon) -> list[Position]:
    """Doc → positions in text order, ids p1, p2, …"""
    return [position for position, _ in scored_positions(doc, actors, lexicon)]


def scored_positions(doc: Doc, actors: ActorIndex,
                     lexicon: SpeechLexicon) -> list[tuple[Position, float]]:
    """The positions with the filter's probability for each (that of its first part when
    quoted parts are joined): what a calibrated confidence starts from."""
    candidates = candidate_positions(doc, actors, lexicon)
    found = []
    for item in candidates:
        features = position_features(doc, item, actors, lexicon, candidates)
        if lexicon.filter.keeps(features):
            found.append(replace(item, probability=lexicon.filter.probability(features)))
    joined = join_quote_runs(text_of(doc), statements(doc, found, actors, lexicon))
    return list(zip(_number(doc, joined), (f.probability for f in _in_order(joined))))


def candidate_positions(doc: Doc, actors: ActorIndex, lexicon: SpeechLexicon) -> list[Found]:
    """Every construction that may attribute words to someone, speakers resolved."""
    quotes = find_quotes(text_of(doc), doc)
    # Speech inside a quotation belongs to the quotation, not to the article's attributions.
    found = [f for f in speech_clauses(doc, lexicon)
             if not any(inside(f.cue, quote) for quote in quotes)]
    found += list(according_clauses(doc, lexicon, found))
    found += list(speaker_labels(text_of(doc)))
    found = attach_quotes(doc, quotes, found, lexicon)
    # So are the acts and calls it tells of ("“We demanded this relationship be ended,” X said").
    found += [f for f in (*reported_actions(doc, lexicon, found), *nominal_calls(doc, lexicon, actors))
              if not any(inside(f.cue, quote) for quote in quotes)]
    resolved = resolve_all(doc, found, actors, lexicon, quotes)
    relay_through_media(doc, resolved, actors, lexicon)
    return _dedupe(resolved)


# --- statements, not narration or fragments ----------------------------------------------------

def statements(doc: Doc, found: list[Found], actors: ActorIndex, lexicon: SpeechLexicon) -> list[Found]:
    """One position per statement: narration the writer states in a speech-like construction
    is dropped, and verbs inside another statement's words fold into it."""
    kept = [f for f in found if not narration(doc, f, actors, lexicon) and not _only_a_date(doc, f)]
    return [f for f in kept if not fragment(doc, f, kept, actors, lexicon)]


def _only_a_date(doc: Doc, item: Found) -> bool:
    """A content that is nothing but when ("Tillerson denied Thursday"): the parse took the
    day for the object; nothing was said."""
    content = doc.char_span(*item.content, alignment_mode="expand")
    return content is not None and all(t.is_punct or t.is_space or t.ent_type_ in ("DATE", "TIME")
                                       for t in content)


def narration(doc: Doc, item: Found, actors: ActorIndex, lexicon: SpeechLexicon) -> bool:
    """Whether a candidate narrates rather than reports words: a purpose infinitive ("evoked the
    threat to justify operations", "a conference to support reconstruction"), the circumstance
    of a statement ("Lavrov, responding to a question, said"; "when he described the wall, he
    said …"), force done by anyone but a
    person ("fighters attacked", "Turkey launched an operation"), or a verb that is not a speech
    act with no actor behind it ("the bombardment was targeting"), a hypothetical ("if
    Pashinyan says he is ready, …") or a guess ("perhaps Russia will oppose …"), a request not
    to be named ("asked to remain anonymous"), a cue negated or held back ("he did not clarify his stance",
    "she refrained from mentioning …", "refused to speak to reporters": what someone did not
    say is not their position), words
    only pointed back to ("will repeat that message"), a happening as the
    subject ("the war has claimed 30,000 lives"), the source a verb names ("citing security
    sources"), a question ("asked whether the talks could resume"), an act told by how it was
    done ("responded to the protests by killing …"), material support ("Iran backed the Houthi
    rebels"), the act a command orders ("ordered a crackdown") and the bare object of a verb
    that is rarely a cue ("fired his adviser", "sponsored the talks")."""
    if item.cue_token is None or item.how in STATED_WORDS:
        return False
    verb = doc[item.cue_token]
    lemma = verb.lemma_.lower()
    if lemma in lexicon.source_verbs and _names_a_source(verb, lexicon):
        return True
    if any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and not c.ent_type_ and c.lemma_.lower() in lexicon.mute_subjects
           for c in verb.children):
        return True
    opening = text_of(doc)[item.content[0]:item.content[1]].split()[:1]
    if lemma in lexicon.question_verbs and opening and opening[0].lower() in lexicon.question_words:
        return True
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children) and (
            verb.dep_ in ("advcl", "acl", "relcl") or
            (verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in lexicon.speech)):
        return True
    if verb.tag_ in ("VBG", "VBN") and verb.dep_ == "advcl" and item.how.startswith("topic") \
            and is_speech_verb(verb.head, lexicon):
        return True
    if (item.how == "dobj" or item.how.startswith("topic")) and _the_occasion_of_words(verb, lexicon):
        return True
    if any(c.dep_ == "mark" and c.lower_ in lexicon.hypothetical for c in verb.children) or \
            any(c.dep_ == "advmod" and c.lower_ in lexicon.speculation for c in verb.children):
        return True
    if item.how == "xcomp" and _asks_anonymity(doc, item, lexicon):
        return True
    if _withheld(verb, lexicon) or _silence(verb, item, lexicon) or _done_by_acting(verb, lexicon):
        return True
    if lemma in lexicon.support_verbs and _helps_a_body(doc, item, actors, lexicon):
        return True
    if lemma in lexicon.commands and item.how in ("dobj", "reported"):
        return True
    if item.how == "dobj" and (rarely_a_cue(lemma, lexicon) or _only_a_reference(verb, lexicon)):
        return True
    speaker = actors.get(item.actor)
    if lemma in lexicon.force and (speaker is None or speaker.type != "person"):
        return True
    return lemma not in lexicon.listed and speaker is None


def _the_occasion_of_words(verb, lexicon: SpeechLexicon) -> bool:
    """"When he first described the wall in December, he said, “…”": a clause of time that tells
    when the words of a speech verb beside it were said."""
    if verb.dep_ != "advcl" or not any(c.dep_ in ("advmod", "mark") and c.lower_ in lexicon.occasions
                                       and c.i < verb.i for c in verb.children):
        return False
    head = verb.head
    return head.lemma_.lower() in lexicon.listed or any(
        c.dep_ in ("parataxis", "ccomp") and c.lemma_.lower() in lexicon.listed for c in head.children)


def _only_a_reference(verb, lexicon: SpeechLexicon) -> bool:
    """"will repeat that message", "echoed these views": an object of a few words that points back
    to words told before; what they were is not in it."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and word_count(objects[0].subtree) <= REFERENCE_WORDS and any(
        c.dep_ == "det" and c.lower_ in lexicon.references for c in objects[0].children)


REFERENCE_WORDS = 3


def _asks_anonymity(doc: Doc, item: Found, lexicon: SpeechLexicon) -> bool:
    """"who asked to remain anonymous", "asked not to be named": a few words, one of anonymity."""
    words = re.findall(r"\w+", text_of(doc)[item.content[0]:item.content[1]].lower())
    return len(words) <= ANONYMITY_WORDS and any(word in lexicon.anonymity for word in words)


ANONYMITY_WORDS = 5


def _withheld(verb, lexicon: SpeechLexicon) -> bool:
    """"did not clarify", "never said", "refrained from mentioning", "declined to say"."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    governor = verb.head.head if verb.head.dep_ == "prep" else verb.head
    return verb.dep_ in ("xcomp", "pcomp") and governor.lemma_.lower() in lexicon.abstentions


def _silence(verb, item: Found, lexicon: SpeechLexicon) -> bool:
    """"refused to speak to reporters", "declined to comment": a verb of holding back whose
    infinitive is a verb of speaking tells that nothing was said."""
    return item.how == "xcomp" and verb.lemma_.lower() in lexicon.abstentions and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in lexicon.speaking for c in verb.children)


def _done_by_acting(verb, lexicon: SpeechLexicon) -> bool:
    """"responded to the protests by killing hundreds": the verb tells how someone acted, the
    gerund after "by" is the act; "responded by calling for talks" still speaks. So is a gerund
    after "by" that is seldom a cue ("made history by nominating the first …")."""
    lemma = verb.lemma_.lower()
    if verb.dep_ == "pcomp" and verb.head.lower_ == "by" and verb.tag_ == "VBG" and lemma not in lexicon.listed \
            and lexicon.cue_share.get(lemma, 0.0) < lexicon.deed_share:
        return True
    return any(c.dep_ == "prep" and c.lower_ == "by" and any(
        g.dep_ == "pcomp" and g.tag_ == "VBG" and g.lemma_.lower() not in lexicon.listed for g in c.children)
        for c in verb.children)


def _helps_a_body(doc: Doc, item: Found, actors: ActorIndex, lexicon: SpeechLexicon) -> bool:
    """Whether what a verb of support is done to is who was helped: an actor, a name or a body
    ("backed the Houthi rebels", "supported Assad"), not a proposal or a policy."""
    content = doc.char_span(*item.content, alignment_mode="expand")
    if content is None:
        return False
    head = content.root
    named = any(start <= head.idx < end for start, end, _ in actors.mentions_in(*item.content))
    return bool(named or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                or head.lemma_.lower() in lexicon.supported_bodies or head.lower_ in lexicon.descriptions)


def _names_a_source(verb, lexicon: SpeechLexicon) -> bool:
    """Whether a verb's object is a source: a name or an unnamed source ("citing security sources")."""
    return any(c.dep_ == "dobj" and (c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or
                                     c.lemma_.lower() in lexicon.unnamed_sources) for c in verb.children)


STATED_WORDS = ("quote", "continued", "according", "label", "signed", "in-words", "unattributed")


def fragment(doc: Doc, item: Found, kept: list[Found], actors: ActorIndex, lexicon: SpeechLexicon) -> bool:
    """A verb inside another statement's words ("Aksoy criticised Manning for calling …", "Ghani
    offered to recognise the Taliban", "X said Y is obstructing") is part of that statement,
    unless it is a speech act with a subject of its own naming someone else ("Aksoy condemned
    Manning, who said …"; not "he said the women fear …": that is his account of them), and a
    participle that goes on with a charge ("accuses Washington of undermining …, refusing to
    extradite …"). What "according to" a medium relays stays the words of whoever it
    names ("…, Erdogan discussed the situation, according to Anadolu")."""
    if item.cue is None or item.how in STATED_WORDS:
        return False
    verb = doc[item.cue_token] if item.cue_token is not None else None
    if verb is not None and _goes_on_charging(verb, lexicon):
        return True
    outer = next((o for o in kept if o is not item and o.content != item.content
                  and inside(item.cue, o.content) and _speaks(doc, o, lexicon)
                  and not _relayed_by_media(o, actors)), None)
    if outer is None:
        return False
    own_subject = verb is not None and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    speech_act = verb is not None and verb.lemma_.lower() in lexicon.listed
    named = item.actor and not is_unnamed(actors.get(item.actor))
    return not (own_subject and speech_act and named and item.actor != outer.actor)


def _goes_on_charging(verb, lexicon: SpeechLexicon) -> bool:
    """"accuses Washington of undermining security …, refusing to extradite …": a participle after
    the charge a verb of charging makes with "of" or "for" and a gerund is one more deed charged
    to the accused; a speech act ("…, saying …") is still the accuser's."""
    charging = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.lemma_.lower() in lexicon.listed \
            or charging.lemma_.lower() not in lexicon.charges:
        return False
    return any(prep.dep_ == "prep" and prep.lower_ in ("of", "for") and prep.i < verb.i
               and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in prep.children)
               for prep in charging.children)


def _speaks(doc: Doc, item: Found, lexicon: SpeechLexicon) -> bool:
    """A statement that can hold others: words stated, or a speech act's ("issued a statement
    saying …" holds nothing: the saying is the statement)."""
    if item.how in STATED_WORDS or item.cue_token is None:
        return True
    lemma = doc[item.cue_token].lemma_.lower()
    return lemma in lexicon.listed or lemma in lexicon.infinitive


def _relayed_by_media(item: Found, actors: ActorIndex) -> bool:
    speaker = actors.get(item.actor)
    return item.how == "according" and speaker is not None and speaker.type == "media"


QUOTE_RUN_GAP = 200     # characters between two quoted parts of one statement


def join_quote_runs(text: str, found: list[Found]) -> list[Found]:
    """One statement quoted in parts ("“Tom is a visionary,” she said. “He stepped in.”") is one
    position: consecutive quotations with the same speaker and cue, in one paragraph; so is a
    quotation taken to go on with the words just before it in their own sentence ("warned of
    a bigger war, if X “succeeds in …”")."""
    joined: list[Found] = []
    for item in sorted(found, key=lambda f: f.content[0]):
        last = joined[-1] if joined else None
        between = text[last.content[1]:item.content[0]] if last else ""
        if (last and item.kind in ("direct", "mixed")
                and (last.kind in ("direct", "mixed") or (item.how == "continued" and not re.search(r"[.!?]", between)))
                and item.cue == last.cue and item.source == last.source and item.actor == last.actor
                and 0 <= item.content[0] - last.content[1] <= QUOTE_RUN_GAP and "\n" not in between):
            last.content = (last.content[0], item.content[1])
            last.kind = "mixed" if last.kind == "indirect" else last.kind
            continue
        joined.append(item)
    return joined


def _dedupe(found: list[Found]) -> list[Found]:
    seen, kept = set(), []
    for item in found:
        key = (item.content, item.actor)
        if key not in seen and item.content[1] > item.content[0]:
            seen.add(key)
            kept.append(item)
    return kept


def _in_order(found: list[Found]) -> list[Found]:
    return sorted(found, key=lambda f: (f.content[0], f.cue or (0, 0), f.actor or ""))


def _number(doc: Doc, found: list[Found]) -> list[Position]:
    text = text_of(doc)
    positions = []
    for n, item in enumerate(_in_order(found), 1):
        positions.append(Position(
            id=f"p{n}", actor=item.actor,
            source_text=text[item.source[0]:item.source[1]] if item.source else None,
            source_span=item.source, cue=text[item.cue[0]:item.cue[1]] if item.cue else "",
            cue_span=item.cue, content=text[item.content[0]:item.content[1]],
            content_span=item.content, kind=item.kind, via=item.via))
    return positions
