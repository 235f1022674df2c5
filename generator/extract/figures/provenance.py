"""Provenance: who claims a figure and whose losses or people it counts."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from ...model import Position
from ..actors import ActorIndex
from .candidate import Candidate, _tokens
from .lexicon import FigureLexicon
from .shares import share_subject
from .units import _is_currency

SIDE_TYPES = ("state", "region", "armed_group")


def claimant(doc: Doc, cand: Candidate, positions: list[Position], actors: ActorIndex,
             lexicon: FigureLexicon) -> Optional[str]:
    """Who asserts a figure: the actor that pledges it ("Norway said it would provide $40m,
    Canada pledged $25m": Canada's); else an actor that is the subject of the verb of reporting
    whose clause holds it ("ISIL claimed responsibility and said 30 people had been killed,
    local media reported": ISIL, not the media that relay it; "..., he noted": the speaker of
    the cue); else the speaker of the narrowest position whose content holds it ("The
    Azerbaijani Defense Ministry claims that ... 2,000 casualties"), or, when that position has
    no speaker, an actor that is the subject of its cue ("with the UN warning that up to 8
    million ..."); else "according to X" in its sentence, or the agent of a verb of reporting
    ("reported by the ministry"), or the subject of a verb that asks for it ("Sudan seeks
    $2bn"). A position that tells what someone wants or plans ("reports that the US wanted to
    arm as many as 30,000 troops") does not make them claim its figures. None when the writer
    states it."""
    tokens = _tokens(doc, cand)
    teller = _committing_subject(tokens.root, actors, lexicon.pledge_verbs) or \
        _reporting_subject(tokens.root, positions, actors, lexicon)
    if teller:
        return teller
    aside = _writers_aside(tokens.root)
    holding = [p for p in positions if p.content_span and
               p.content_span[0] <= cand.start and cand.end <= p.content_span[1] and
               not _tells_an_aim(doc, p, lexicon) and not (aside and p.kind != "direct") and
               not _told_of_an_owned_deed(doc, p, tokens.root, lexicon)]
    if holding:
        best = min(holding, key=lambda p: p.content_span[1] - p.content_span[0])
        if best.actor:
            return best.actor
        found = _cue_subject(doc, best, actors)
        if found:
            return found
    sent = tokens.sent
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            found = _source_named(doc, doc[tok.i + 1], sent, actors)
            if found:
                return found
    if cand.kind == "percent":
        found = _pollster(sent, actors, lexicon)
        if found:
            return found
    return _reporting_agent(doc, tokens.root, actors, lexicon) or \
        _committing_subject(tokens.root, actors, lexicon.ask_verbs)


def _pollster(sent, actors: ActorIndex, lexicon: FigureLexicon) -> Optional[str]:
    """The actor whose poll or survey a share's sentence names: "in a new Fox News poll", "the
    CBS survey", "a poll by Gallup", "Quinnipiac's poll". A poll nobody is named for ("a recent
    poll") claims nothing."""
    for noun in (t for t in sent if t.lemma_.lower() in lexicon.poll_nouns and t.pos_ == "NOUN"):
        names = [c for c in noun.children if c.dep_ in ("compound", "nmod", "poss") and c.i < noun.i]
        if names:
            first = min(c.left_edge.i for c in names)
            found = actors.at(sent.doc[first].idx, sent.doc[noun.i - 1].idx + len(sent.doc[noun.i - 1]))
            if found:
                return found
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if agent is not None:
            last = _own_phrase_end(agent)
            found = actors.at(agent.left_edge.idx, last.idx + len(last))
            if found:
                return found
    return None


def _committing_subject(root: Token, actors: ActorIndex, verbs: frozenset[str]) -> Optional[str]:
    """The actor named by the subject of a verb of ``verbs`` that pledges or asks for a figure,
    the figure in its object or in that of its infinitive ("the emir of Kuwait pledged $2bn",
    "vowed to give $60m", "Sudan seeks $2bn"); none for a pronoun ("it would provide")."""
    verb = _clause_verb(root)
    if verb is not None and verb.dep_ == "xcomp" and verb.lemma_.lower() not in verbs:
        verb = verb.head
    if verb is None or verb.lemma_.lower() not in verbs:
        return None
    for subject in (c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"):
        if not subject.left_edge.i <= root.i <= subject.right_edge.i:
            last = _own_phrase_end(subject)     # not "organisations at the Kuwait-hosted conference"
            return actors.at(subject.left_edge.idx, last.idx + len(last))
    return None


def _source_named(doc: Doc, to: Token, sent, actors: ActorIndex) -> Optional[str]:
    """The actor "according to" names: its object, or up to the end of the clause when the
    parser cuts the name off ("according to the state news agency SANA")."""
    objects = [c for c in to.children if c.dep_ == "pobj"]
    end = max([o.right_edge.i for o in objects] + [to.i])
    stop = next((t.i for t in doc[to.i + 1:sent.end] if t.is_punct), sent.end)
    end = max(end, stop - 1)
    if end <= to.i:
        return None
    return actors.at(doc[to.i + 1].idx, doc[end].idx + len(doc[end]))


def relay(doc: Doc, cand: Candidate, positions: list[Position]) -> Optional[str]:
    """The media that relay a figure's claim ("509 foreign women are being held, a security
    source told AFP news agency", "the ambassador said on Twitter"): the ``via`` the speaker
    model gave the claimant's position in the figure's sentence. None for the writer's figures."""
    if cand.claimed_by is None:
        return None
    sent = _tokens(doc, cand).sent
    for position in positions:
        if position.actor == cand.claimed_by and position.via and position.cue_span and \
                sent.start_char <= position.cue_span[0] < sent.end_char:
            return position.via
    return None


def _reporting_subject(root: Token, positions: list[Position], actors: ActorIndex,
                       lexicon: FigureLexicon) -> Optional[str]:
    """The actor named by the subject of the verb of reporting whose complement clause holds a
    figure ("the militia said 27 members were killed"), that subject shared with a verb it is
    coordinated with ("ISIL claimed responsibility ... and said"); a pronoun is the speaker the
    speaker model found for that verb ("$300m of which must come this year, he noted"). Only
    clausal complements are climbed: a figure in a relative clause ("claimed responsibility
    for attacks that killed 130 people") or in an object is not what the subject reports."""
    verb = _clause_verb(root)
    while verb is not None and not _reports(verb, positions, lexicon):
        if verb.dep_ not in ("ccomp", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
        if subjects:
            subject = subjects[0]
            if subject.left_edge.i <= root.i <= subject.right_edge.i:
                return None     # the figure is who reports: "Several Kunduz officials reported"
            first, last = _noun_phrase(subject)
            return _speaker_of(verb, positions) or actors.at(first.idx, last.idx + len(last))
        if any(c.dep_ == "nsubj" for c in verb.children):
            return _speaker_of(verb, positions)
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _reports(verb: Token, positions: list[Position], lexicon: FigureLexicon) -> bool:
    """A verb of reporting, or the cue of a position that does not tell an aim ("he noted")."""
    lemma = verb.lemma_.lower()
    return lemma in lexicon.report_verbs or (lemma not in lexicon.aim_verbs and any(
        _is_cue(verb, p) for p in positions))


def _speaker_of(verb: Token, positions: list[Position]) -> Optional[str]:
    """The speaker of the position whose cue is ``verb``."""
    return next((p.actor for p in positions if p.actor and _is_cue(verb, p)), None)


def _is_cue(verb: Token, position: Position) -> bool:
    return bool(position.cue_span) and position.cue_span[0] <= verb.idx < position.cue_span[1]


def _noun_phrase(noun: Token) -> tuple[Token, Token]:
    """The first and last words of a subject: its modifiers right before it and what follows it
    ("the UN refugee agency (UNHCR)"), without what the parser hangs on it from further left
    ("Joint Command - Afghanistan 2011-01-S-338 For Immediate Release ... KABUL")."""
    first = noun
    while True:
        before = [c for c in first.lefts if c.dep_ in ("compound", "amod", "det", "poss", "nmod")
                  and c.i == first.i - 1]
        if not before:
            break
        first = before[0]
    return first, noun.right_edge


def _writers_aside(root: Token) -> bool:
    """A figure in a relative clause set off by a comma ("... over his drug war, which has
    killed thousands of people"): the writer's background, not what a speaker reported in
    words the writer gives as indirect speech."""
    verb = _clause_verb(root)
    if verb is None or verb.dep_ != "relcl":
        return False
    start = verb.left_edge.i
    return start > 0 and verb.doc[start - 1].text == ","


def _told_of_an_owned_deed(doc: Doc, position: Position, root: Token, lexicon: FigureLexicon) -> bool:
    """A figure in a relative clause of a claim of responsibility ("claimed responsibility for
    two separate attacks *that killed nearly 130 people*"): the speaker owns the deed, the toll
    is told of it by someone else."""
    verb = _clause_verb(root)
    content = doc.char_span(*position.content_span, alignment_mode="expand")
    return verb is not None and verb.dep_ == "relcl" and content is not None and \
        content.root.lemma_.lower() in lexicon.owning_nouns


def _tells_an_aim(doc: Doc, position: Position, lexicon: FigureLexicon) -> bool:
    """A position whose cue says what its speaker wants, plans or seeks ("the US wanted to arm
    ..."): the words are someone else's report of an aim, not the speaker's claim."""
    if not position.cue_span:
        return False
    cue = doc.char_span(*position.cue_span, alignment_mode="expand")
    return cue is not None and cue.root.lemma_.lower() in lexicon.aim_verbs


def _reporting_agent(doc: Doc, root: Token, actors: ActorIndex, lexicon: FigureLexicon) -> Optional[str]:
    """The agent of a verb of reporting that the figure is the subject or object of: "a death
    toll of 25 was reported by the health ministry", "figures given by the UN"."""
    verb = _clause_verb(root)
    if verb is None or verb.lemma_.lower() not in lexicon.report_verbs:
        return None
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for obj in (c for c in agent.children if c.dep_ == "pobj"):
            return actors.at(obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge))
    return None


def _cue_subject(doc: Doc, position: Position, actors: ActorIndex) -> Optional[str]:
    """The actor named by the subject of a position's cue verb, or of the verb it is
    coordinated with ("ISIL claimed responsibility ... and said"), or by the object of "with"
    right before it ("with the UN warning that ...")."""
    if not position.cue_span:
        return None
    cue = doc.char_span(*position.cue_span, alignment_mode="expand")
    if cue is None:
        return None
    verb = cue.root
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]
        if subjects:
            subject = subjects[0]
            return actors.at(subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge))
        before = doc[verb.i - 1] if verb.i > 0 else None
        if before is not None and before.dep_ == "pobj" and before.head.lower_ == "with":
            return actors.at(before.left_edge.idx, before.idx + len(before))
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def side_concerned(doc: Doc, cand: Candidate, actors: ActorIndex, lexicon: FigureLexicon,
                   gazetteer=None) -> Optional[str]:
    """Whose losses or people a figure counts: a demonym or name on the counted noun ("two
    Azerbaijani drones", "Armenian soldiers"), a possessive ("Armenia's losses"), an "of" phrase,
    or the subject of a verb of suffering ("Armenia suffered 2,000 casualties", "it lost ...
    130 tanks", with "it" taken as the state named last). A share concerns the actor its
    clause's subject names ("Kasich was at 25 percent support"). Misses sides named only in
    another sentence."""
    if cand.kind == "percent":
        return _share_concerned(cand.role, actors, lexicon)
    noun = cand.noun
    if noun is None:
        return None
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod", "poss") and child.i < noun.i and \
                not (child.ent_type_ in ("NORP", "MONEY") and _is_currency(noun, lexicon)):    # "British pounds"
            found = _actor_named(child, actors, gazetteer)
            if found:
                return found
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    found = _actor_named(obj, actors, gazetteer, subtree=True)
                    if found:
                        return found
    verb = _clause_verb(cand.role or noun)
    if verb is not None and verb.lemma_.lower() in lexicon.undergoer_verbs:
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            if subject.pos_ == "PRON":
                earlier = actors.mentioned_before(subject.idx, SIDE_TYPES)
                return earlier[0] if earlier else None
            return _actor_named(subject, actors, gazetteer, subtree=True)
    return None


def _share_concerned(word: Token, actors: ActorIndex, lexicon: FigureLexicon) -> Optional[str]:
    """The actor, a person too, that the subject of a share's clause names: a candidate's
    support in a poll is the candidate's, not their party's."""
    subject = share_subject(word, lexicon)
    if subject is None:
        return None
    last = _own_phrase_end(subject)
    found = actors.at(subject.left_edge.idx, last.idx + len(last))
    actor = actors.get(found) if found else None
    return found if actor is not None and actor.type != "other" else None


def _clause_verb(tok: Token) -> Optional[Token]:
    """The verb of the clause a noun phrase belongs to, through conjuncts and "including"."""
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "prep"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _actor_named(tok: Token, actors: ActorIndex, gazetteer=None, subtree: bool = False) -> Optional[str]:
    """The side a word names, or with ``subtree`` the phrase it heads, up to its own "of" phrase
    and not the places it is in ("members of a pro-government militia in Iraq" are no side of
    Iraq's); a person is the side they belong to, none when they belong to none ("Baraa's
    father"), and a name of no known kind is no side."""
    if tok.ent_type_ == "NORP" and tok.ent_id_:
        return tok.ent_id_
    last = _own_phrase_end(tok) if subtree else tok
    found = actors.at(tok.left_edge.idx if subtree else tok.idx, last.idx + len(last))
    if found:
        actor = actors.get(found)
        if actor is not None and actor.type == "person":
            return actor.affiliation
        return None if actor is not None and actor.type == "other" else found
    if gazetteer is not None:
        entry = gazetteer.demonym(tok.text) or (gazetteer.lookup(tok.text) if tok.pos_ == "PROPN" else None)
        if entry is not None:
            return entry.id
    return None


def _own_phrase_end(noun: Token) -> Token:
    """The last word of a noun phrase without the prepositional phrases after it, its "of"
    phrase kept ("the army of Armenia")."""
    last = noun
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ != "of":
            break
        last = child.right_edge
    return last
