"""What a message typed outside any flow is about (and a forwarded one).

Priority, first match wins: distress (:mod:`bot.domain.safety`) > a rejection > a win >
anything else. So "rejected by Acme, but I got an interview at Bolt" is a rejection (the
flow can offer the win afterwards), and distress is never read as anything else.

Negation: a win cue with a negation just before it ("didn't get an offer", "no call back",
"wasn't invited to the final round", "they don't want to move forward") is a rejection;
a rejection cue with one ("I wasn't rejected", "haven't been ghosted") does not count.
Questions ("how do I deal with rejection?") are not reports of an event: they are
:attr:`Reading.OTHER` unless they read as distress.

For a rejection, :attr:`FreeText.kind` guesses the rejection log's first step (the codes of
``texts.REJECTION_KINDS``) when the words say it: silence after an interview is
"interview", a recruiter's silence "recruiter", an ignored meeting request "meeting",
silence after applying "application"; otherwise None (the flow asks).

Recruiter-email phrasing ("we regret to inform you", "decided to move forward with other
candidates", "keep your resume on file") reads as a rejection anywhere; the weaker
"unfortunately" / "after careful consideration" / "thank you for your interest" count
only in a forwarded message, next to a word about an application.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, Literal

from bot.domain.phrases import compile_any, compile_phrase, normalise
from bot.domain.safety import Distress, assess

__all__ = ["FreeText", "Reading", "RejectionKind", "read_free_text"]

RejectionKind = Literal["meeting", "application", "recruiter", "interview", "other"]


class Reading(StrEnum):
    DISTRESS = "distress"  # answer with care first; store nothing (SAFETY.md)
    REJECTION = "rejection"  # "Log this as a rejection?" with the text as its note
    WIN = "win"  # "Log this as a win?"
    OTHER = "other"  # the menu plus "Save this as a note"


@dataclass(frozen=True, slots=True)
class FreeText:
    reading: Reading
    distress: Distress | None = None  # set when reading is DISTRESS
    kind: RejectionKind | None = None  # a guess for a rejection's kind, or None


_NEGATION: Final = re.compile(
    r"\b(?:didnt|did not|dont|do not|doesnt|does not|never|no|not|havent|have not|hasnt"
    r"|has not|wasnt|was not|werent|were not|isnt|is not|arent|are not|wont|will not|without"
    r"|yet to|failed to|couldnt|could not|cant|cannot|nor|zero)\b"
)
_NEGATION_REACH: Final = 3  # words before a cue that can negate it...
_CLAUSE_START: Final = frozenset(  # ...up to the start of its clause ("no way, I got it")
    normalise(
        "i im ive id they theyre theyve we were he she hes shes but and so then finally yes"
        " yay also though still"
    ).split()
)
_QUESTION_WORDS: Final = compile_phrase(
    r"^(?:how|what|whats|why|when|where|who|should|shall|can|could|would|is|are|do|does|did"
    r"|any|tips|advice)"
)

# Rejection cues. These four families can be negated ("I wasn't rejected").
_REJECTION_NEGATABLE: Final = tuple(
    compile_phrase(src)
    for src in (
        r"reject(?:ed|s|ing|ion|ions)?|turned (?:me )?down|turn(?:ed|s)? down my",
        r"ghost(?:ed|ing)?|left (?:me )?on read|radio silence",
        r"(?:laid|layed) off|(?:was|were|got|been|being|im|am|i am) (?:let go|fired(?! up))"
        r"|made redundant|redundancy",
    )
)
# These carry their own "no".
_REJECTION: Final = tuple(
    compile_phrase(src)
    for src in (
        r"(?:no|zero|not a single|not one|not any|without an?y?) (?:response|responses|reply"
        r"|replies|answer|word|news|feedback|callback|call back|calls back|interview|interviews"
        r"|offer|offers|luck|update|updates)",
        r"(?:didnt|did not|havent|have not|hasnt|has not|never|still havent|still hasnt)"
        r" (?:hear|heard|gotten|got|get|receive|received) (?:anything )?back",
        r"(?:never|didnt|did not|havent|have not|hasnt|has not) (?:responded|replied|answered"
        r"|called|wrote back|followed up|follow up|got back|gotten back|came back|come back)",
        r"(?:nobody|no one|noone) (?:got back|gets back|has gotten back|ever gets back|replied"
        r"|replies|responded|answered|called)",
        r"(?:didnt|did not|never|havent|have not|hasnt|wasnt|was not|werent|wont|will not)"
        r" (?:get|got|gotten|receive|received|land|landed|be getting|make it to|pass|passed"
        r"|clear|cleared) (?:an?|the|my|that|any|a second|a final|another|this)? ?(?:job )?"
        r"(?:interview|offer|call ?back|callback|job|role|position|screen|round|stage|promotion"
        r"|internship|contract)",
        r"(?:went|go|going|gone|decided to go|chose to go|moving|moved|move|proceed|proceeding"
        r"|continue|continuing|pursue|pursuing|progress|progressing|hired|hiring|selected|chose"
        r"|picked|offered it to) (?:forward )?(?:with )?(?:someone else|somebody else"
        r"|another candidate|other candidates|another applicant|other applicants"
        r"|a different candidate|an internal candidate|an internal hire|a stronger candidate"
        r"|a more experienced candidate|candidates whose|other people|another person"
        r"|someone internal|someone more)",
        r"(?:position|role|job|vacancy|opening|req|requisition) (?:has|had|was|is|got) (?:been )?"
        r"(?:filled|closed|canceled|cancelled|put on hold|withdrawn|eliminated)"
        r"|filled internally|hiring freeze",
        r"(?:interview|call|screen|meeting|onsite) (?:was |got |has been )?(?:canceled|cancelled)",
        r"(?<!\bi\s)(?<!\bwe\s)said no(?! to (?:the|their|an?|that|this|his|her) offer)"
        r"|told me no|a no from"
        r"|(?:got|get|getting|another|one more) (?:a |the )?no\b",
        r"regret to inform|decided not to (?:proceed|move forward|progress|continue|pursue)"
        r"|(?:not|wont|will not) (?:be )?(?:moving|move|proceeding|proceed|progressing|progress)"
        r" (?:forward )?(?:with )?(?:you|your|my)"
        r"|(?:dont|do not|doesnt|does not|didnt|did not) (?:want|wish) to (?:move forward"
        r"|proceed|continue|progress)"
        r"|(?:keep|retain|hold) (?:your|my) (?:resume|cv|details|application|information"
        r"|profile) on file"
        r"|wish (?:you|me) (?:the best|luck|every success|all the best|success|well) (?:in|with)"
        r" (?:your|my) (?:job )?(?:search|future|career)",
        r"(?:didnt|did not|wont|will not) (?:pick|choose|select|hire|take|want) me",
        r"(?:not|wasnt|was not|werent|were not|isnt|is not|arent|are not) (?:selected"
        r"|shortlisted|successful|progressing|a fit|the right fit)|unsuccessful",
        r"unfortunately (?:we|they|the (?:team|company|hiring|recruiter)|i (?:was|wasnt|didnt"
        r"|did not|have not|havent))",
        r"failed (?:the|my|a) (?:interview|screen|screening|assessment|test|take ?home|coding"
        r" challenge|technical|background check|round)",
        r"(?:didnt|did not|couldnt|could not) (?:make|pass|get) (?:it )?(?:past|through|beyond)"
        r"|didnt make the cut|did not make the cut",
        # other languages: a first list
        r"rechaz(?:ado|ada|aron|o)|no me (?:llamaron|contestaron|respondieron)",
        r"rejeitad[oa]|reprovad[oa]|(?:nao|ninguem) me (?:responderam|respondeu|chamaram)",
        r"absage|abgelehnt|keine (?:antwort|ruckmeldung)",
        r"отказ(?:али|ал|ала|ом|а)?|не ответили|не перезвонили",
    )
)
_WEAK_REJECTION: Final = compile_phrase(
    r"unfortunately|after careful consideration|thank you for (?:your|the) (?:interest|time"
    r"|application|applying)|at this time|other candidates|not be moving"
)
_APPLICATION_WORDS: Final = compile_phrase(
    r"application|applied|applying|position|role|candidacy|candidate|interview|opportunity"
    r"|vacancy"
)

_WIN: Final = tuple(
    compile_phrase(src)
    for src in (
        r"(?:got|gotten|landed|scored|secured|booked|received|recieved|scheduled) (?:an?|the|my"
        r"|my first|a second|a final|another|a 2nd|a first|two|three|2|3|a phone|a video"
        r"|an onsite|a technical|a follow up)? ?(?:job )?(?:interview|interviews|offer|offers"
        r"|call ?back|callbacks?|job|role|position|screen|screening|phone screen|referral"
        r"|internship|contract|gig)",
        r"(?:have|had|ive got|i have got) (?:an?|my|a second|a final|another|two|three|2|3)"
        r" (?:job )?(?:interview|interviews|offer|offers|call ?back|screen|phone screen)",
        r"offer letter|job offer|got the job|got hired|hired me|(?:they|she|he) said yes",
        r"(?:they|she|he|we|the (?:company|team|recruiter|hiring manager)|recruiter"
        r"|hiring manager) (?:want|wants|would like|d like|decided|are keen|is keen|are pleased)"
        r" (?:me )?to (?:move forward|proceed|schedule|meet|see me|interview|talk|hire|offer"
        r"|bring me|invite you|offer you)",
        r"(?:moving|move|moved|going) forward with (?:me|my (?:application|candidacy)|you"
        r"|your (?:application|candidacy))",
        r"(?:invited|invite|invitation|asked) (?:me )?(?:to|for) (?:an?|the|a second|a final"
        r"|the next|the final|another)? ?(?:interview|round|onsite|on site|call|chat|meeting"
        r"|assessment|panel)",
        r"(?:passed|cleared|aced|nailed|made it through|got through|made it to|advanced to"
        r"|moved to|moving to|through to) (?:the|my|a|an)? ?(?:screen|screening|phone screen"
        r"|interview|round|assessment|test|take ?home|technical|first round|second round"
        r"|final round|next round|next stage|coding challenge|final stage)",
        r"(?:second|2nd|third|3rd|final)(?: round)? interview",
        r"called me back|(?:recruiter|hiring manager|headhunter|company|they) (?:reached out"
        r"|contacted me|messaged me|called|rang|phoned)",
        r"offered me (?:the|a|an|this|that) (?:job|role|position|contract|internship)",
        r"(?:got|get) (?:hired|accepted|shortlisted|selected|promoted)|got (?:a |the )?promotion",
        r"(?:accepted|signed) (?:the|an|their|my) (?:offer|contract)",
        r"pleased to (?:offer|inform you that|invite|extend)|congratulations|congrats",
        r"(?:applied|sent|submitted|sent out|finished) (?:to )?(?:\d+|two|three|four|five|six"
        r"|seven|eight|nine|ten|a dozen|a few|several|my|an|a|the) ?(?:more )?(?:applications?"
        r"|jobs?|roles?|positions?|resumes?|cvs?|companies|cover letters?)",
        r"(?:updated|finished|rewrote|polished|improved) (?:my )?(?:resume|cv|linkedin"
        r"|portfolio|cover letter)",
        r"(?:had|did) (?:a|my) (?:coffee chat|informational|networking)",
        # other languages: a first list
        r"(?:me (?:dieron|ofrecieron)|consegui) (?:el trabajo|una oferta|una entrevista"
        r"|o emprego|uma oferta|uma entrevista)",
        r"zusage|jobangebot|einladung zum (?:vorstellungsgesprach|gesprach)",
        r"(?:получил|получила|пригласили) (?:на )?(?:собеседование|оффер|предложение)|оффер",
    )
)

_INTERVIEW_WORDS: Final = compile_phrase(
    r"interview|interviews|interviewed|onsite|on site|final round|second round|panel"
    r"|technical round|after (?:the|my) (?:call|screen)|no offer|entrevista|vorstellungsgesprach"
    r"|собеседовани\w*"
)
_SILENCE_WORDS: Final = compile_phrase(
    r"no (?:response|reply|replies|answer|word|news|callback|call back|update)"
    r"|ghost(?:ed|ing)?|left (?:me )?on read|radio silence|never (?:heard|got|gotten)"
    r"|(?:didnt|did not|havent|have not|hasnt|has not) (?:hear|heard|gotten|got|get|respond"
    r"|responded|reply|replied|answer|answered|follow up|followed up|come back|came back)"
    r"|ignored|(?:nobody|no one|noone) (?:got|gets|has gotten|replied|responded|answered)"
)
_RECRUITER_WORDS: Final = compile_phrase(r"recruiter|recruiters|headhunter|talent partner|hr")
_MEETING_WORDS: Final = compile_phrase(
    r"meeting|coffee|chat|(?:call|intro|introduction|connection) request|linkedin (?:message"
    r"|request|invite|note)|cold (?:email|emails|message|messages|outreach)|networking|dm|dms"
)
_APPLIED_WORDS: Final = compile_phrase(
    r"applied|application|applications|applying|resume|cv|cover letter|job posting|posting"
    r"|portal"
)


# Talking about rejection is not reporting one.
_ABOUT_REJECTION: Final = compile_any(
    (
        r"(?:scared|afraid|fear|terrified|worried|anxious|nervous) (?:of|about)"
        r" (?:rejection|rejections|being rejected|getting rejected|being ghosted"
        r"|getting ghosted)",
        r"(?:handle|handling|deal with|dealing with|cope with|coping with|get over|used to)"
        r" (?:rejection|rejections|being rejected|getting rejected)",
    )
)


def _negated(read: str, start: int) -> bool:
    """A negation among the few words just before ``start``, within the same clause."""
    if read[start:].split(" ", 1)[0] in _CLAUSE_START:  # "they want...": a clause of its own
        return False
    window: list[str] = []
    for word in reversed(read[:start].rsplit(" . ", 1)[-1].split()):
        if word in _CLAUSE_START or len(window) == _NEGATION_REACH:
            break
        window.append(word)
    return bool(_NEGATION.search(" ".join(reversed(window))))


def _is_rejection(read: str, *, forwarded: bool) -> bool:
    if any(pattern.search(read) for pattern in _REJECTION):
        return True
    for pattern in _REJECTION_NEGATABLE:
        if any(not _negated(read, m.start()) for m in pattern.finditer(read)):
            return True
    if forwarded and _WEAK_REJECTION.search(read) and _APPLICATION_WORDS.search(read):
        return True
    # a negated win is a "no": "wasn't invited to the final round", "no second interview"
    return any(_negated(read, m.start()) for pattern in _WIN for m in pattern.finditer(read))


def _is_win(read: str) -> bool:
    return any(not _negated(read, m.start()) for pattern in _WIN for m in pattern.finditer(read))


def _is_question(text: str, read: str) -> bool:
    return text.rstrip().endswith("?") and _QUESTION_WORDS.search(read) is not None


def _rejection_kind(read: str) -> RejectionKind | None:
    if _INTERVIEW_WORDS.search(read):
        return "interview"
    if not _SILENCE_WORDS.search(read):
        return None
    if _RECRUITER_WORDS.search(read):
        return "recruiter"
    if _MEETING_WORDS.search(read):
        return "meeting"
    if _APPLIED_WORDS.search(read):
        return "application"
    return None


def read_free_text(text: str, *, forwarded: bool = False) -> FreeText:
    """Distress > rejection > win > other, for a message (or a forwarded one) outside a flow.

    A photo's caption is read like text. Never log the text; a reading other than DISTRESS
    may be logged (for distress, log the event only: see :mod:`bot.domain.safety`).
    """
    distress = assess(text)
    if distress is not None:
        return FreeText(Reading.DISTRESS, distress=distress)
    read = _ABOUT_REJECTION.sub(" # ", normalise(text))
    if not forwarded and _is_question(text, read):
        return FreeText(Reading.OTHER)
    if _is_rejection(read, forwarded=forwarded):
        return FreeText(Reading.REJECTION, kind=_rejection_kind(read))
    if _is_win(read):
        return FreeText(Reading.WIN)
    return FreeText(Reading.OTHER)
