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

Languages: Spanish, Portuguese, German and Russian phrasings ("me rechazaron", "fui
rejeitado", "Absage bekommen", "мне отказали"; "me dieron el trabajo", "consegui o
emprego", "Zusage", "меня взяли") are read on every message, like the crisis rules, whatever
the person's language setting: the cues of one language are not words of another, and the
negations ("no", "não", "nicht"/"kein", "не") count in every language. German puts "nicht"
after the verb ("ich habe die Stelle nicht bekommen"), so those are rejection cues of their
own. The rules are compiled on the first message (:func:`_patterns`), not at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
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


_NEGATION: Final = (
    r"\b(?:didnt|did not|dont|do not|doesnt|does not|never|no|not|havent|have not|hasnt"
    r"|has not|wasnt|was not|werent|were not|isnt|is not|arent|are not|wont|will not|without"
    r"|yet to|failed to|couldnt|could not|cant|cannot|nor|zero"
    r"|nao|nunca|nem|ni|sin|sem|jamas|nicht|kein|keine|keinen|nie|не|ни|нет|без)\b"
)
_NEGATION_REACH: Final = 3  # words before a cue that can negate it...
_CLAUSE_START: Final = frozenset(  # ...up to the start of its clause ("no way, I got it")
    normalise(
        "i im ive id they theyre theyve we were he she hes shes but and so then finally yes"
        " yay also though still pero y e mas aber und doch но и а зато"
    ).split()
)
_QUESTION_WORDS: Final = (
    r"^(?:how|what|whats|why|when|where|who|should|shall|can|could|would|is|are|do|does|did"
    r"|any|tips|advice|como|que|por que|porque|cuando|quando|debo|devo|deberia|deveria|wie|was"
    r"|warum|wann|soll|sollte|kann|как|что|почему|зачем|когда|стоит|можно)"
)

# Rejection cues. These four families can be negated ("I wasn't rejected").
_REJECTION_NEGATABLE: Final = (
    r"reject(?:ed|s|ing|ion|ions)?|turned (?:me )?down|turn(?:ed|s)? down my",
    r"ghost(?:ed|ing)?|left (?:me )?on read|radio silence",
    r"(?:laid|layed) off|(?:was|were|got|been|being|im|am|i am) (?:let go|fired(?! up))"
    r"|made redundant|redundancy",
    r"rechaz(?:ado|ada|ados|adas|aron|o)|descartad[oa]|me descartaron",
    r"rejeitad[oa]|reprovad[oa]|recusad[oa]|(?:fui|fomos) (?:descartad[oa]|dispensad[oa]"
    r"|demitid[oa])",
    r"abgelehnt|absage|abgesagt",
    r"отказ(?:али|ал|ала|ом|а|ы)?|уволили|сократили",
)
# These carry their own "no".
_REJECTION: Final = (
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
    # Spanish
    r"no me (?:llamaron|contestaron|respondieron|eligieron|seleccionaron|cogieron"
    r"|escogieron|contrataron|dieron el (?:puesto|trabajo))|me dijeron que no"
    r"|(?:ni|sin|ninguna) respuesta|no (?:pase|fui seleccionad[oa]|consegui)"
    r"|(?:seguir|siguen|seguiran|continuar) (?:adelante )?con otr[oa]s? candidat[oa]s?"
    r"|lamentamos (?:informarle|informarte|comunicarle|comunicarte)|me ghostearon",
    # Portuguese
    r"(?:nao|ninguem) me (?:responderam|respondeu|chamaram|chamou|retornou|retornaram"
    r"|contrataram)|nao (?:passei|fui (?:aprovad[oa]|selecionad[oa]|chamad[oa])"
    r"|consegui (?:a vaga|o emprego|o trabalho))|sem (?:resposta|retorno)"
    r"|(?:seguir|seguiram|seguirao|seguimos) com outr[oa]s? candidat[oa]s?"
    r"|(?:levei|recebi|tomei) um nao|vaga (?:foi )?(?:preenchida|cancelada)",
    # German
    r"keine (?:antwort|ruckmeldung|einladung|zusage)|nie (?:geantwortet|zuruckgemeldet)"
    r"|nicht (?:genommen|eingeladen|weitergekommen|ausgewahlt|berucksichtigt|bekommen"
    r"|eingestellt)|(?:fur|mit) (?:einen |einem )?(?:anderen|andere) (?:kandidaten"
    r"|bewerber\w*)|(?:wurde|bin|wurden) (?:gekundigt|entlassen)"
    r"|(?:stelle|position) (?:wurde|ist) (?:bereits |schon )?(?:besetzt|vergeben)"
    r"|leider (?:mussen|konnen|haben) wir|geghostet",
    # Russian
    r"не (?:ответили|перезвонили|взяли|позвали|пригласили|прош[её]л|прошла|выбрали)"
    r"|(?:выбрали|взяли) другого|проигнорировали|вакансия (?:уже )?закрыта"
    r"|к сожалению (?:мы|вы|вам|компания)",
)
_WEAK_REJECTION: Final = (
    r"unfortunately|after careful consideration|thank you for (?:your|the) (?:interest|time"
    r"|application|applying)|at this time|other candidates|not be moving"
)
_APPLICATION_WORDS: Final = (
    r"application|applied|applying|position|role|candidacy|candidate|interview|opportunity"
    r"|vacancy"
)

_WIN: Final = (
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
    # Spanish and Portuguese ("consegui" is both)
    r"(?:me (?:dieron|ofrecieron)|consegui|tengo|recibi|recebi) (?:el trabajo|el puesto|el empleo"
    r"|una oferta|la oferta|una entrevista|o emprego|a vaga|o trabalho|o estagio"
    r"|uma oferta|uma proposta|uma entrevista)",
    r"me (?:contrataron|eligieron|seleccionaron|aceptaron|llamaron para (?:una )?entrevista"
    r"|invitaron a (?:una |la )?(?:entrevista|segunda|siguiente|final))"
    r"|pase (?:a la (?:siguiente|segunda|ultima) (?:fase|ronda|etapa)|la entrevista)"
    r"|oferta de (?:trabajo|empleo)",
    r"fui (?:contratad[oa]|aprovad[oa]|selecionad[oa]|chamad[oa] (?:para|pra) (?:uma |a )?"
    r"entrevista)|passei (?:na entrevista|(?:para|pra) (?:a )?(?:proxima|segunda|ultima)"
    r" (?:etapa|fase))|me (?:contrataram|chamaram (?:para|pra) (?:uma )?entrevista)",
    # German
    r"zusage|jobangebot|einladung zu(?:m|r)? (?:vorstellungsgesprach|gesprach|interview"
    r"|zweiten runde)|(?:wurde|bin) (?:eingeladen|eingestellt|genommen)"
    r"|(?:stelle|job|angebot) bekommen|vertrag unterschrieben",
    # Russian
    r"(?:получил|получила|получили) (?:приглашение|оффер|предложение|работу)"
    r"|пригласили (?:на )?(?:собеседование|интервью|второй этап|финал|следующий этап)"
    r"|меня взяли|взяли на работу|(?:прош[её]л|прошла) (?:собеседование|отбор"
    r"|на следующий этап)|оффер|нашл?(?:а|и)? работу|нашел работу",
)

_INTERVIEW_WORDS: Final = (
    r"interview|interviews|interviewed|onsite|on site|final round|second round|panel"
    r"|technical round|after (?:the|my) (?:call|screen)|no offer|entrevistas?"
    r"|vorstellungsgesprach\w*|bewerbungsgesprach\w*|собеседовани\w*|интервью"
)
_SILENCE_WORDS: Final = (
    r"no (?:response|reply|replies|answer|word|news|callback|call back|update)"
    r"|no me (?:contestaron|respondieron|llamaron)|(?:ni|sin) respuesta|me ghostearon"
    r"|(?:nao|ninguem) me (?:responderam|respondeu|retornou|retornaram)|sem (?:resposta|retorno)"
    r"|keine (?:antwort|ruckmeldung)|nie (?:geantwortet|zuruckgemeldet)|geghostet"
    r"|не (?:ответили|перезвонили)|проигнорировали|игнорируют"
    r"|ghost(?:ed|ing)?|left (?:me )?on read|radio silence|never (?:heard|got|gotten)"
    r"|(?:didnt|did not|havent|have not|hasnt|has not) (?:hear|heard|gotten|got|get|respond"
    r"|responded|reply|replied|answer|answered|follow up|followed up|come back|came back)"
    r"|ignored|(?:nobody|no one|noone) (?:got|gets|has gotten|replied|responded|answered)"
)
_RECRUITER_WORDS: Final = (
    r"recruiter|recruiters|recruiterin|headhunter|talent partner|hr|rrhh|reclutador\w*"
    r"|recrutador\w*|personaler\w*|рекрутер\w*|эичар\w*|hr\w*"
)
_MEETING_WORDS: Final = (
    r"meeting|coffee|chat|(?:call|intro|introduction|connection) request|linkedin (?:message"
    r"|request|invite|note)|cold (?:email|emails|message|messages|outreach)|networking|dm|dms"
)
_APPLIED_WORDS: Final = (
    r"applied|application|applications|applying|resume|cv|cover letter|job posting|posting"
    r"|portal|solicitud\w*|postulacion\w*|candidatura\w*|curriculo|bewerbung\w*|beworben"
    r"|lebenslauf|отклик\w*|резюме"
)


# Talking about rejection is not reporting one.
_ABOUT_REJECTION: Final = (
    r"(?:scared|afraid|fear|terrified|worried|anxious|nervous) (?:of|about)"
    r" (?:rejection|rejections|being rejected|getting rejected|being ghosted"
    r"|getting ghosted)",
    r"(?:handle|handling|deal with|dealing with|cope with|coping with|get over|used to)"
    r" (?:rejection|rejections|being rejected|getting rejected)",
)


@dataclass(frozen=True, slots=True)
class _Patterns:
    negation: re.Pattern[str]
    question: re.Pattern[str]
    rejection_negatable: tuple[re.Pattern[str], ...]
    rejection: tuple[re.Pattern[str], ...]
    weak_rejection: re.Pattern[str]
    application: re.Pattern[str]
    win: tuple[re.Pattern[str], ...]
    interview: re.Pattern[str]
    silence: re.Pattern[str]
    recruiter: re.Pattern[str]
    meeting: re.Pattern[str]
    applied: re.Pattern[str]
    about_rejection: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    """The rules above, compiled on the first message and kept (nothing at import)."""
    return _Patterns(
        negation=re.compile(_NEGATION),
        question=compile_phrase(_QUESTION_WORDS),
        rejection_negatable=tuple(map(compile_phrase, _REJECTION_NEGATABLE)),
        rejection=tuple(map(compile_phrase, _REJECTION)),
        weak_rejection=compile_phrase(_WEAK_REJECTION),
        application=compile_phrase(_APPLICATION_WORDS),
        win=tuple(map(compile_phrase, _WIN)),
        interview=compile_phrase(_INTERVIEW_WORDS),
        silence=compile_phrase(_SILENCE_WORDS),
        recruiter=compile_phrase(_RECRUITER_WORDS),
        meeting=compile_phrase(_MEETING_WORDS),
        applied=compile_phrase(_APPLIED_WORDS),
        about_rejection=compile_any(_ABOUT_REJECTION),
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
    return bool(_patterns().negation.search(" ".join(reversed(window))))


def _is_rejection(read: str, *, forwarded: bool) -> bool:
    p = _patterns()
    if any(pattern.search(read) for pattern in p.rejection):
        return True
    for pattern in p.rejection_negatable:
        if any(not _negated(read, m.start()) for m in pattern.finditer(read)):
            return True
    if forwarded and p.weak_rejection.search(read) and p.application.search(read):
        return True
    # a negated win is a "no": "wasn't invited to the final round", "no second interview"
    return any(_negated(read, m.start()) for pattern in p.win for m in pattern.finditer(read))


def _is_win(read: str) -> bool:
    wins = _patterns().win
    return any(not _negated(read, m.start()) for pattern in wins for m in pattern.finditer(read))


def _is_question(text: str, read: str) -> bool:
    return text.rstrip().endswith("?") and _patterns().question.search(read) is not None


def _rejection_kind(read: str) -> RejectionKind | None:
    p = _patterns()
    if p.interview.search(read):
        return "interview"
    if not p.silence.search(read):
        return None
    if p.recruiter.search(read):
        return "recruiter"
    if p.meeting.search(read):
        return "meeting"
    if p.applied.search(read):
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
    read = _patterns().about_rejection.sub(" # ", normalise(text))
    if not forwarded and _is_question(text, read):
        return FreeText(Reading.OTHER)
    if _is_rejection(read, forwarded=forwarded):
        return FreeText(Reading.REJECTION, kind=_rejection_kind(read))
    if _is_win(read):
        return FreeText(Reading.WIN)
    return FreeText(Reading.OTHER)
