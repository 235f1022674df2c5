"""Stances: which issues each position addresses, how it leans, and the actor × issue matrix.

An issue is found where one of its terms occurs in a position's content (or, for a reported
action, in its cue: "ignored calls for a ceasefire"). The lean on it is read off the words that
govern the term in the dependency tree, up to the position's cue: each `support` word keeps the
lean, each `oppose` word and each negation flips it ("is *not ready* for talks" → oppose,
"*rejected* calls *for* negotiations" → oppose, "*vowed* to *keep* fighting" → support), and a
conditional marker on that path makes it conditional ("*not the appropriate* time to talk").
A term naming the issue's opposite flips it ("an end to the *occupation*" backs withdrawal); a
verb of doing backs what it acts on only when the speaker's own side does it ("*we* will strike
back", "Turkey *launched* an operation", never "X said the rebels launched an attack"). Terms
in a relative clause or apposition describe their noun, not the speaker, and fighting named
under another issue's term is what that term is about ("a truce in the fighting"). Phrases
that hold a term without being about its issue ("war crimes", "humanitarian law") are skipped;
a term is matched however the tokenizer splits its hyphens ("de-escalation"). A harm someone
else does ("the shelling *undermines* the talks") and a negated condition ("*if* the
intervention had *not* happened") leave the lean unsaid; words of leaving reject what they
leave ("get *out of* the war").
A clause whose subject is someone other than the speaker's side tells a fact, not the
speaker's stance ("X said *Russia rejected* the talks"), and so does one whose subject is the
issue itself ("the *truce broke down*"), unless it is prescribed ("Russia *must* stop", "urged
Turkey *to* halt"); the speaker's side is "we", a pronoun for the speaker ("Turkey said *it*
would…", "*his country*"), the speaker's body or its forces. A warning before a clause or
of a danger foretells ("warned that Turkey would expand the operation", "of a wider war"),
"warned against" rejects once, and a verb leans only on its own object, not its conjuncts'
("stop the shelling and resume talks").
A denial of a fact ("denied *that* air attacks had forced the fighters to flee") disputes what
happened and leans nothing; a term taken away by a removal ("criticised the *withdrawal* of the
observers") has its lean inverted ("cut off aid", "halt the offensive" reject what they govern).
What a cue overrides is rejected ("pressed on *despite* calls for a truce"), a harm to avert
backs what it harms ("*avoid* civilian casualties"), a term narrowed by a negated relative
clause is conditional ("no ceasefire *that does not* lift the siege"), and recognising what
another issue names is that issue ("*recognised* Ukraine's sovereignty").
Words of an issue that also name speech are not about it when aimed at a person or a rival or
qualified as speech ("his *attacks against* Senator Miller", "personal attacks"); grief, blame
or guarding over one attack, or attacks told by their toll, leans nothing ("*condemned* the
murderous attack", "*blamed* them for the attacks *that killed* 40 people"), nor does a term
that is only how a harm is done ("breaching its sovereignty *by* carrying out attacks"), and a
harm urged on what a term names rejects it ("called on its followers to *kill* civilians").
A cell needs a lean (a mere mention makes none), and only parties hold cells: never media,
reporters, analysts or anyone introduced as a medium's own, nor actors of unknown kind. A cell
is the speaker's own: nothing is copied to the state or group the speaker belongs to, and what
another speaker wants or expects of an actor ("said the United States *should declare* war") is
no cell of that actor.
Misses: irony and rhetorical questions, stances spread over several sentences, and issues
named only by pronouns.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Iterator, Optional

from spacy.tokens import Doc, Token

from ..issuebook import IssueBook, combine_stances, is_party
from ..model import Actor, Position, StanceCell
from .actors import ActorIndex
from .issue_terms import find_issue_terms

_OPPOSITE = {"support": "oppose", "oppose": "support"}
_PREDICATE_DEPS = {"acomp", "attr", "aux", "auxpass"}
_MODIFIER_DEPS = {"neg", "aux", "auxpass", "amod", "advmod", "mark", "det", "acomp", "attr"}


Leans = dict[str, str]      # issue id → stance of one position on that issue


def tag_positions(doc: Doc, positions: list[Position], book: IssueBook,
                  actors: Optional[ActorIndex] = None) -> list[tuple[Position, Leans]]:
    """Each position with the issues its content addresses, its overall stance, and its lean on
    each issue (the schema keeps one stance per position; the matrix needs one per issue)."""
    tagged = []
    for position in positions:
        leans: dict[str, str] = {}
        for issue_id, term_tokens, inverted in find_issue_terms(doc, position, book, actors):
            lean = lean_on(term_tokens, position, doc, book, actors)
            if inverted:    # "ended the occupation" backs withdrawal
                lean = _OPPOSITE.get(lean, lean)
            leans[issue_id] = _hedge(leans[issue_id], lean) if issue_id in leans else lean
        issues = list(leans)
        tagged.append((replace(position, issues=issues,
                               stance=leans[issues[0]] if issues else None), leans))
    return tagged


def lean_on(term_tokens: list[Token], position: Position, doc: Doc, book: IssueBook,
            actors: Optional[ActorIndex] = None) -> str:
    """support | oppose | conditional | neutral for one issue term in one position."""
    sign, polar, conditional, claimed = 1, False, False, False
    term_ids = {t.i for t in term_tokens}
    start, end = position.content_span
    came_from: Optional[Token] = None
    visited: set[int] = set()
    for token in _governing_words(term_tokens, position, doc):
        visited.add(token.i)
        lemma = token.lemma_.lower()
        if came_from is not None and came_from.head.i == token.i and \
                book.exits.get(lemma) == came_from.lemma_.lower():
            sign, polar = -sign, True     # "get *out of* the war", "*away from* the weapons"
        # A conjunct's verb is not its neighbour's: "stop the fire and *take* measures".
        via_conjunct = came_from is not None and came_from.dep_ == "conj" and came_from.head.i == token.i
        came_from_below, came_from = came_from, token
        if token.i not in term_ids and start <= token.idx < end:
            if _negated_condition(token, book):
                return "neutral"    # "if the intervention had not happened, …": a counterfactual
            if lemma in book.deeds and _someone_elses_deed(token, term_tokens, position, book, actors):
                return "neutral"    # "their offensive undermines the talks": a complaint, no lean
        if _as_pretext(token, book):
            return "neutral"        # "uses fighting ISIL as an excuse"
        if lemma in book.incident_verbs and _one_incident(term_tokens, book):
            return "neutral"        # "condemned the murderous attack": grief, no stance on force
        if _means_of_a_harm(token, came_from_below, book):
            return "neutral"        # "breaching its sovereignty by carrying out attacks"
        if lemma in book.denials and _denies_a_fact(token, came_from_below, book):
            return "neutral"        # "denied that air attacks had forced the fighters to flee"
        if token.lower_ == "about" and token.dep_ == "prep" and \
                token.head.lemma_.lower() not in book.support | book.oppose:
            return "neutral"        # "remarks about sovereignty": the issue is a topic of words
        if not polar and start <= token.idx < end and _told_as_done(token, position, book):
            return "neutral"        # "the US has never given heavy arms to the YPG": a fact
        if lemma in book.claims and token.i not in term_ids:
            claimed = polar = True  # "claimed responsibility for the attack"
        modifiers = [c for c in token.children if c.dep_ in _MODIFIER_DEPS and c.i not in term_ids]
        # An adverb can carry the negation: "would *no longer* accept", "*not yet*".
        adverbs = [g for c in modifiers if c.dep_ == "advmod" for g in c.children if g.dep_ in ("neg", "det", "advmod")]
        describes = _what_an_act_is(token, came_from_below, book)
        for word in [lemma, *(c.lemma_.lower() for c in modifiers + adverbs)]:
            if word in book.negations and not describes:
                sign, polar = -sign, True
            if word in book.conditional:
                conditional = True
        # The predicate may sit beside the path: "it is very *hard* to talk", "*should* be",
        # "would be a *mistake*".
        leaning = [c for c in modifiers if c.dep_ in _PREDICATE_DEPS]
        if token.i not in term_ids and not via_conjunct and not _foretells(token, start, end, book):
            leaning.append(token)
        for word in leaning:
            if word.lemma_.lower() in book.oppose or _harms(word, came_from_below, book):
                sign, polar = -sign, True
            elif word.lemma_.lower() in book.support:
                polar = True
            elif word.lemma_.lower() in book.action_verbs and _own_action(word, position, book, actors):
                polar = True      # the speaker's side "launched an operation", "is sending aid"
        if token.i not in term_ids and start <= token.idx < end and \
                _reported_fact(token, term_ids, position, book, actors):
            # "X said Russia rejected the talks", "… the truce broke down", "threatened to halt
            # the truce if Israel continued the strikes": the term is in someone else's act or
            # an event told; no word above it makes that the speaker's stance.
            return "neutral"
    # A negation on a word of the term the path did not go through (a compound's first word)
    # still counts; one on a word it went through was counted there, once: "*no* military
    # solution", "would *not* withdraw".
    if _restricted_by_a_condition(term_tokens[-1], book):
        conditional = True
    for token in term_tokens:
        if token.i in visited:
            continue
        if any(c.lemma_.lower() in book.negations for c in token.children if c.i not in term_ids):
            sign, polar = -sign, True
    if not polar and _own_action(term_tokens[0], position, book, actors) and \
            not _told_as_done(term_tokens[0], position, book):
        polar = True          # "we will strike back", "our forces will hit back"
    if claimed and sign < 0:
        return "neutral"      # "denied responsibility for the attack" rejects no attacks
    if conditional and polar:
        return "conditional"
    if not polar:
        return "neutral"
    return "support" if sign > 0 else "oppose"


def _what_an_act_is(token: Token, below: Optional[Token], book: IssueBook) -> bool:
    """Is the path's word a copula whose subject is the act the path came from, said to be (or
    not to be) something that is no word of stance ("lifting the embargo was *not a response*
    to …")? Its negation denies a reason or a description, not the act; a judgement ("was not
    a *mistake*") still flips."""
    if below is None or below.dep_ != "csubj" or below.head.i != token.i or token.lemma_ != "be":
        return False
    stance_words = book.support | book.oppose | book.conditional
    return not any(c.dep_ in ("attr", "acomp") and c.lemma_.lower() in stance_words
                   for c in token.children)


def _harms(word: Token, below: Optional[Token], book: IssueBook) -> bool:
    """Is the word a verb of harm whose object the path came from ("to *kill* civilians")?"""
    return word.lemma_.lower() in book.harms and below is not None and \
        below.dep_ == "dobj" and below.head.i == word.i


def _one_incident(term_tokens: list[Token], book: IssueBook) -> bool:
    """Does the term name one deed ("the attack", "a terrorist attack"), or deeds told by what
    they did ("the coordinated attacks *that killed* 125 people") or by their date ("the attacks
    *of Sept. 11*"), not a campaign or a series ("the offensive", "the air strikes")?"""
    term = term_tokens[-1]
    if term.lemma_.lower() not in book.incidents:
        return False
    return term.tag_ == "NN" or any(c.dep_ == "relcl" and _told_as_past(c) for c in term.children) or \
        any(c.dep_ == "prep" and any(o.ent_type_ == "DATE" for o in c.children if o.dep_ == "pobj")
            for c in term.children)


def _told_as_past(verb: Token) -> bool:
    """Is the verb in the past or the perfect ("killed", "have killed")?"""
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children))


def _means_of_a_harm(token: Token, below: Optional[Token], book: IssueBook) -> bool:
    """Is the path's word a harm reached from how it is done ("breaching its sovereignty *by*
    carrying out attacks")? The harm leans on what it harms; the means is only how, and no
    lean of the speaker's on it."""
    return below is not None and below.dep_ == "prep" and below.lower_ == "by" and \
        below.head.i == token.i and token.lemma_.lower() in book.oppose


def _restricted_by_a_condition(term: Token, book: IssueBook) -> bool:
    """Is the term narrowed by a negated relative clause, a condition on which of its kind the
    speaker means ("would not accept any ceasefire *that does not lift* the siege")?"""
    return any(c.dep_ == "relcl" and any(g.dep_ == "neg" or g.lemma_.lower() in book.negations
                                         for g in c.children)
               for c in term.children)


def _reported_fact(verb: Token, term_ids: set[int], position: Position, book: IssueBook,
                   actors: Optional[ActorIndex]) -> bool:
    """Is ``verb`` the head of a clause that tells what someone other than the speaker's side
    does, or what happens to the issue itself ("Russia *rejected* the talks", "the truce *broke
    down*", "fighting *continued*")? Not when the clause is prescribed (a modal: "Russia *must*
    stop"; an infinitive: "urged Turkey *to* halt"; a bare verb after a demand: "demanded that
    the US *stop*") nor an evaluation (a copula: "talks *are* the only way")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or verb.pos_ != "VERB" or _prescribed(verb, book):
        return False
    for subject in subjects:
        if subject.i in term_ids:
            return True      # the issue itself does something: an event told
        if subject.dep_ == "nsubjpass":     # "emphasis was placed on …": the doer is its agent
            subject = next((g for c in verb.children if c.dep_ == "agent"
                            for g in c.children if g.dep_ == "pobj"), None)
        if subject is not None and _an_agent(subject, book) and \
                not _own_side(subject, position, book, actors):
            return True
    return False


def _an_agent(subject: Token, book: IssueBook) -> bool:
    """Does the subject name someone who acts (a name, a people, "he", "the rebels"), not a
    thing ("the need to seek a settlement does not mean …")?"""
    return subject.pos_ == "PROPN" or bool(subject.ent_type_) or \
        subject.lower_ in book.agent_pronouns or subject.lemma_.lower() in book.agent_nouns


def _foretells(token: Token, start: int, end: int, book: IssueBook) -> bool:
    """A cue of warning before a clause ("warned that Turkey would expand the operation") or of
    a danger ("warned of a wider war") foretells or threatens, no lean of its own; what it warns
    *against* is rejected by "against" alone (once, not twice)."""
    if token.lemma_.lower() not in book.forecasts or start <= token.idx < end:
        return False
    return any((c.dep_ == "ccomp" and start <= c.idx < end) or
               (c.dep_ == "prep" and c.lower_ in ("of", "about", "against") and
                any(start <= g.idx < end for g in c.children))
               for c in token.children)


def _told_as_done(verb: Token, position: Position, book: IssueBook) -> bool:
    """Does a speaker tell what was done, or not done (a verb in the past or perfect, no
    modal, that is no word of stance: "the US has *never given* heavy arms", "our soldiers
    *were conducting* operations at the time")? That is an account of a fact, not where the
    speaker stands; what they did and say they will do is ("we *will strike* back"), and
    what they have stood for ("we have always *supported* …") is too. So is what something
    was ("it *was* not a terrorist attack")."""
    lemma = verb.lemma_.lower()
    if lemma == "be" and verb.tag_ == "VBD" and position.kind != "reported":
        # "it was not a terrorist attack": what something was; not "if it was to confront …"
        return not any(c.dep_ in ("xcomp", "mark") for c in verb.children)
    if position.kind == "reported" or verb.pos_ != "VERB" or _prescribed(verb, book):
        return False
    if lemma in book.support or lemma in book.oppose:
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxiliaries):
        return False
    return verb.tag_ == "VBD" or \
        (verb.tag_ == "VBN" and any(a.lemma_.lower() == "have" for a in auxiliaries)) or \
        (verb.tag_ == "VBG" and any(a.tag_ == "VBD" for a in auxiliaries))


def _denies_a_fact(token: Token, below: Optional[Token], book: IssueBook) -> bool:
    """Does a word of denial govern what is told as a fact, a clause ("denied *that* air
    attacks had forced the fighters to flee"), an act ("denied *targeting* civilians") or a
    report of one ("denied *reports* that …")?
    That disputes what happened, and says nothing of where the speaker stands; denying a thing
    itself ("denied the request for talks") still rejects it."""
    if below is None or below.head.i != token.i:
        return False
    if below.dep_ in ("ccomp", "csubj"):
        return True
    if below.tag_ == "VBG" and below.pos_ == "VERB":
        return True     # "denied *targeting* civilians": an act disputed
    return below.dep_ in ("dobj", "pobj") and below.lemma_.lower() in book.reports


def _prescribed(verb: Token, book: IssueBook) -> bool:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_.lower() in book.modals or a.tag_ == "TO" for a in auxiliaries):
        return True
    # A bare verb under a word of demand: "demanded that the US stop arming …"
    return verb.tag_ in ("VB", "VBP") and not auxiliaries and verb.head.i != verb.i and \
        verb.head.lemma_.lower() in book.support


def _own_action(verb: Token, position: Position, book: IssueBook,
                actors: Optional[ActorIndex]) -> bool:
    """Is ``verb`` done by the speaker's own side: is its doer a first-person pronoun ("we",
    "our forces") or a mention of the speaker or of the body it speaks for? The doer of a
    passive is its agent: "I was attacked by Mr. Khan" is no attack of the speaker's."""
    if verb.pos_ != "VERB":
        return False
    doers = [c for c in verb.children if c.dep_ == "nsubj"] + \
        [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return any(_own_side(doer, position, book, actors) for doer in doers)


def _own_side(subject: Token, position: Position, book: IssueBook,
              actors: Optional[ActorIndex]) -> bool:
    words = list(subject.subtree)
    if subject.lower_ in book.first_person or (
            subject.lemma_.lower() in book.own_bodies and
            any(c.dep_ == "poss" and c.lower_ in book.first_person for c in subject.children)):
        return True         # "we", "our forces"; not "our colleagues at the UN"
    speaker = actors.get(position.actor) if actors is not None else None
    if speaker is None:
        return False
    kind = "person" if speaker.type == "person" else "body"
    pronouns = book.speaker_pronouns.get(kind, frozenset())
    if len(words) == 1 and words[0].lower_ in pronouns:
        return True          # "Turkey said it would …", "Erdogan said he would …"
    if subject.lemma_.lower() in book.own_bodies and \
            any(c.dep_ == "poss" and c.lower_ in pronouns for c in subject.children):
        return True          # "Pashinyan said his country is not considering …"
    side = {position.actor, speaker.affiliation} - {None}
    named = actors.mentions_in(words[0].idx, words[-1].idx + len(words[-1]))
    if any(actor_id in side or (actors.get(actor_id).affiliation or "") in side
           for _, _, actor_id in named):       # its own forces: "the Turkish army"
        return True
    # A people as the subject ("the Palestinians would no longer accept …") is the speaker's
    # own when it is the people of the speaker's state.
    people = {t.ent_id_ for t in words if t.ent_type_ == "NORP" and t.ent_id_}
    return speaker.affiliation in people and \
        all(t.ent_type_ == "NORP" or not t.is_alpha or t.pos_ == "DET" for t in words)


def _someone_elses_deed(verb: Token, term_tokens: list[Token], position: Position,
                        book: IssueBook, actors: Optional[ActorIndex]) -> bool:
    """Does someone other than the speaker's side do the harm ``verb`` names ("the shelling
    *undermines* the talks", "it *violated* the truce")? Then the speaker complains of it, and
    how they stand on the issue is not said. A subject the speaker prescribes to ("Russia
    *must stop* the offensive", "demanded that the US *stop* arming") or none ("vowed *to
    block* the deal") leaves the lean as read."""
    if _prescribed(verb, book):
        return False
    term_ids = {t.i for t in term_tokens}
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    for subject in subjects:
        if any(t.i in term_ids for t in subject.subtree):
            return False     # "the ceasefire broke down": the issue is the subject
    return any(s.dep_ == "csubj" or not _own_side(s, position, book, actors) for s in subjects)


def _as_pretext(token: Token, book: IssueBook) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "as" and
               any(g.dep_ == "pobj" and g.lemma_.lower() in book.pretexts for g in c.children)
               for c in token.children)


def _negated_condition(token: Token, book: IssueBook) -> bool:
    """A negated condition ("*if* the intervention had *not* happened"): a counterfactual, or
    a threat ("if they do not withdraw"), whose lean a reading word by word gets backwards."""
    children = list(token.children)
    return (any(c.dep_ == "mark" and c.lemma_.lower() in book.condition_marks for c in children)
            and any(c.lemma_.lower() in book.negations for c in children if c.dep_ in ("neg", "advmod")))


def _governing_words(term_tokens: list[Token], position: Position, doc: Doc) -> Iterator[Token]:
    """The term's head and its ancestors inside the content, then the cue's words."""
    start, end = position.content_span
    seen = set()
    token = term_tokens[-1]
    while True:
        if token.i not in seen:
            seen.add(token.i)
            yield token
        if token.head.i == token.i or not (start <= token.head.idx < end):
            break
        token = token.head
    if position.cue_span:
        cue = doc.char_span(*position.cue_span, alignment_mode="expand")
        for cue_token in cue or ():
            if cue_token.i not in seen:
                seen.add(cue_token.i)
                yield cue_token


def _hedge(first: str, second: str) -> str:
    """Two leans on one issue within one statement: a statement that both backs and rejects
    something is a conditional one ("ready for talks, but not while fighting goes on")."""
    combined = combine_stances([first, second])
    return "conditional" if combined == "mixed" else combined


def stance_matrix(tagged: list[tuple[Position, Leans]], actors: ActorIndex, book: IssueBook,
                  doc: Optional[Doc] = None) -> list[StanceCell]:
    """One cell per (actor, issue) with its evidence. A cell belongs to the actor whose own
    statements it comes from: a minister's words are the minister's cell, never copied to the
    state or group they belong to (the matrix shows them right under it). A cell needs a lean:
    a position that only mentions an issue says nothing about where its speaker stands. Media,
    reporters, analysts, actors of unknown kind and unattributed positions make no cell."""
    by_id = {a.id: a for a in actors.actors}
    relayers = reporters(doc, actors, book) if doc is not None else set()
    parties = {a.id for a in actors.actors if a.id not in relayers and is_party(a, by_id, book)}
    evidence: dict[tuple[str, str], list[tuple[Position, str]]] = defaultdict(list)
    for position, leans in tagged:
        if position.actor not in parties or _inside_another(position, tagged, doc):
            continue
        for issue_id, lean in leans.items():
            evidence[(position.actor, issue_id)].append((position, lean))
    cells = []
    for (actor_id, issue_id), found in evidence.items():
        stance = combine_stances(lean for _, lean in found)
        if stance == "neutral":
            continue
        ids = sorted({p.id for p, lean in found if lean != "neutral"}, key=lambda pid: int(pid[1:]))
        cells.append(StanceCell(actor=actor_id, issue=issue_id, stance=stance, evidence=ids))
    return sorted(cells, key=_row_order(cells, actors.actors))


def _inside_another(position: Position, tagged: list[tuple[Position, Leans]], doc: Doc) -> bool:
    """Is the position, cue and all, a piece of a longer statement? Of the same speaker
    ("assailed the governor for *supporting the war*"), the statement as a whole leans and its
    pieces are no evidence of their own. Of another speaker, it is theirs when it is what they
    want or expect of someone, its cue under a modal ("Carson said that the United States
    *should declare* war", "analysts say Putin *would recognize* the folly of war"), not where
    the one it is about stands; what they report someone said ("reported that X *called
    for* …") is still X's."""
    first = min(position.content_span[0], (position.cue_span or position.content_span)[0])
    return any(other is not position and
               other.content_span[0] <= first and position.content_span[1] <= other.content_span[1]
               and other.content_span != position.content_span
               and (other.actor == position.actor or _cue_under_a_modal(position, doc))
               for other, _ in tagged)


def _cue_under_a_modal(position: Position, doc: Doc) -> bool:
    """Does a modal govern the position's cue ("should *declare*", "would *recognize*")?"""
    cue = doc.char_span(*position.cue_span, alignment_mode="expand") if position.cue_span else None
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ == "MD" for t in cue or () for c in t.children)


def reporters(doc: Doc, actors: ActorIndex, book: IssueBook) -> set[str]:
    """People the article introduces as a reporter or analyst, or as a medium's own ("Al
    Jazeera's correspondent John Smith", "John Smith, an analyst at…", "Al Jazeera's John Smith")."""
    found = set()
    for actor in actors.actors:
        if actor.type != "person":
            continue
        for start, end in actor.mentions:
            mention = doc.char_span(start, end, alignment_mode="expand")
            if mention is None:
                continue
            root = mention.root
            phrase = list(root.head.subtree) if root.dep_ == "appos" else list(root.subtree)
            if any(t.lemma_.lower() in book.non_party_titles for t in phrase):
                found.add(actor.id)
                break
            first, last = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
            if any(actors.get(other).type == "media" for _, _, other in actors.mentions_in(first, last)):
                found.add(actor.id)
                break
    return found


def _row_order(cells: list[StanceCell], actors: list[Actor]):
    """Rows by salience, each person or body right under the state it speaks for."""
    rank = {a.id: n for n, a in enumerate(actors)}
    by_id = {a.id: a for a in actors}
    in_matrix = {c.actor for c in cells}

    def group(actor_id: str) -> str:
        affiliation = by_id[actor_id].affiliation if actor_id in by_id else None
        return affiliation if affiliation in in_matrix else actor_id

    def key(cell: StanceCell):
        root = group(cell.actor)
        return (rank.get(root, len(rank)), root, cell.actor != root,
                rank.get(cell.actor, len(rank)), cell.actor, cell.issue)
    return key
