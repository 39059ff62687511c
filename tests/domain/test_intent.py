"""Reading a free-text message (bot.domain.intent): distress > rejection > win > other."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.intent import FreeText, Reading, read_free_text
from bot.domain.safety import Concern

DISTRESS, REJECTION, WIN, OTHER = Reading.DISTRESS, Reading.REJECTION, Reading.WIN, Reading.OTHER

TABLE: list[tuple[str, Reading, str | None]] = [
    # --- the examples of issue 13
    ("Got rejected from Google today", REJECTION, None),
    ("I feel hopeless", DISTRESS, None),
    ("I got an interview!", WIN, None),
    ("I want to end it all", DISTRESS, None),
    # --- distress comes first, whatever else the message says
    ("Got rejected again and honestly I want to die", DISTRESS, None),
    ("I got an offer but I still want to kill myself", DISTRESS, None),
    ("no response from anyone, everyone would be better off without me", DISTRESS, None),
    # --- rejections: the words people use
    ("rejected", REJECTION, None),
    ("Rejected AGAIN.", REJECTION, None),
    ("Another rejection email from Stripe", REJECTION, None),
    ("they turned me down", REJECTION, None),
    ("Acme turned down my application", REJECTION, None),
    ("got ghosted by the recruiter", REJECTION, "recruiter"),
    ("ghosted after the final interview", REJECTION, "interview"),
    ("no response to my application at Bolt", REJECTION, "application"),
    ("Still no reply to the 12 applications I sent", REJECTION, "application"),
    ("I never heard back from them", REJECTION, None),
    ("didn't hear back after the onsite", REJECTION, "interview"),
    ("haven't heard anything back about my CV", REJECTION, "application"),
    ("the recruiter never got back to me", REJECTION, "recruiter"),
    ("the recruiter didn't follow up", REJECTION, "recruiter"),
    ("my coffee chat request on LinkedIn was ignored, no reply", REJECTION, "meeting"),
    ("no reply to my cold email to the CTO", REJECTION, "meeting"),
    ("I didn't get the job", REJECTION, None),
    ("didn't get an offer", REJECTION, None),
    ("didnt get an offer after 4 interviews", REJECTION, "interview"),
    ("no offer after the final round", REJECTION, "interview"),
    ("They went with another candidate", REJECTION, None),
    ("they decided to go with someone else", REJECTION, None),
    ("they hired an internal candidate", REJECTION, None),
    ("The position has been filled", REJECTION, None),
    ("role was cancelled, hiring freeze", REJECTION, None),
    ("my interview got cancelled", REJECTION, "interview"),
    ("Unfortunately we have decided not to proceed", REJECTION, None),
    ("unfortunately they picked someone more senior", REJECTION, None),
    ("We regret to inform you that your application was unsuccessful", REJECTION, None),
    ("they're not moving forward with my application", REJECTION, None),
    ("they said no", REJECTION, None),
    ("got a no from Spotify", REJECTION, None),
    ("Google said no", REJECTION, None),
    ("They didn't pick me", REJECTION, None),
    ("I wasn't selected", REJECTION, None),
    ("not shortlisted this time", REJECTION, None),
    ("I failed the coding challenge", REJECTION, None),
    ("didn't make it past the phone screen", REJECTION, None),
    ("I wasn't invited to the final round", REJECTION, "interview"),
    ("never got a callback", REJECTION, None),
    ("no second interview for me", REJECTION, "interview"),
    ("they don't want to move forward", REJECTION, None),
    ("I was laid off today", REJECTION, None),
    ("got fired this morning", REJECTION, None),
    ("REJECTEDDDD", REJECTION, None),
    ("rejected from Google but I got an interview at Meta", REJECTION, "interview"),
    # --- wins
    ("got an interview at Acme", WIN, None),
    ("I got the job!!!", WIN, None),
    ("I GOT AN OFFER", WIN, None),
    ("landed a phone screen with Shopify", WIN, None),
    ("got a call back from the startup", WIN, None),
    ("they called me back", WIN, None),
    ("They want to move forward!", WIN, None),
    ("they'd like to schedule a second interview", WIN, None),
    ("I passed the screen", WIN, None),
    ("made it to the final round", WIN, None),
    ("invited to an onsite next week", WIN, None),
    ("I have an interview tomorrow", WIN, None),
    ("a recruiter reached out to me on LinkedIn", WIN, None),
    ("I signed the offer!", WIN, None),
    ("got a referral from an old colleague", WIN, None),
    ("I applied to 5 jobs today", WIN, None),
    ("sent out three applications", WIN, None),
    ("finally updated my resume", WIN, None),
    ("had a coffee chat with a hiring manager", WIN, None),
    ("They offered me the job", WIN, None),
    ("a recruiter called about a role", WIN, None),
    ("No way, I got the job!", WIN, None),  # the "no" is not about the job
    ("I wasn't rejected, they want to move forward!", WIN, None),
    # --- anything else
    ("hello", OTHER, None),
    ("What can you do?", OTHER, None),
    ("How do I deal with rejection?", OTHER, None),  # a question, not a report
    ("should I follow up after being ghosted?", OTHER, None),
    ("I bombed the interview", OTHER, None),  # a bad feeling, not a "no" yet
    ("I'm nervous about tomorrow", OTHER, None),
    ("I'm scared of rejection", OTHER, None),  # talking about rejection, not reporting one
    ("tips to handle rejection", OTHER, None),
    ("I said no to their offer", OTHER, None),
    ("I feel worthless", OTHER, None),  # painful, but not a SAFETY.md category
    ("I can't do this anymore", OTHER, None),
    ("I'm scared", OTHER, None),
    ("I'm fired up for this week", OTHER, None),
    ("I need to get a job", OTHER, None),
    ("I got it, thanks", OTHER, None),
    ("no worries", OTHER, None),
    ("please call back later", OTHER, None),
    ("waiting for the next round of layoffs news", OTHER, None),
    ("I want to move forward in my career", OTHER, None),
    ("let go of the past", OTHER, None),
    ("that's a no-brainer", OTHER, None),
    ("ok", OTHER, None),
    ("", OTHER, None),
    ("🙂", OTHER, None),
]

# One table per language besides English: rejections, wins, and what is neither.
BY_LANGUAGE: dict[str, list[tuple[str, Reading, str | None]]] = {
    "es": [
        ("me rechazaron", REJECTION, None),
        ("Me rechazaron otra vez", REJECTION, None),
        ("rechazado de Google", REJECTION, None),
        ("no me llamaron después de la entrevista", REJECTION, "interview"),
        ("no me contestaron la solicitud", REJECTION, "application"),
        ("el reclutador no me respondió, ni respuesta", REJECTION, "recruiter"),
        ("me dijeron que no", REJECTION, None),
        ("siguen adelante con otros candidatos", REJECTION, None),
        ("no pasé la entrevista técnica", REJECTION, "interview"),
        ("no me dieron el puesto", REJECTION, None),
        ("lamentamos informarle que su candidatura no ha sido seleccionada", REJECTION, None),
        ("¡me dieron el trabajo!", WIN, None),
        ("conseguí una entrevista en Acme", WIN, None),
        ("me contrataron", WIN, None),
        ("me ofrecieron el puesto", WIN, None),
        ("me llamaron para una entrevista", WIN, None),
        ("pasé a la siguiente fase", WIN, None),
        ("tengo una oferta de trabajo", WIN, None),
        ("¿cómo supero el rechazo?", OTHER, None),
        ("hola", OTHER, None),
        ("no sé qué hacer hoy", OTHER, None),
    ],
    "pt": [
        ("fui rejeitado", REJECTION, None),
        ("fui rejeitada de novo pela Nubank", REJECTION, None),
        ("fui reprovado na entrevista", REJECTION, "interview"),
        ("ninguém me respondeu sobre a candidatura", REJECTION, "application"),
        ("o recrutador não me retornou, sem resposta", REJECTION, "recruiter"),
        ("não passei na entrevista", REJECTION, "interview"),
        ("seguiram com outro candidato", REJECTION, None),
        ("não consegui a vaga", REJECTION, None),
        ("levei um não", REJECTION, None),
        ("consegui o emprego!", WIN, None),
        ("consegui uma entrevista", WIN, None),
        ("fui contratada", WIN, None),
        ("fui aprovado!", WIN, None),
        ("passei para a próxima etapa", WIN, None),
        ("recebi uma proposta", WIN, None),
        ("me chamaram pra uma entrevista", WIN, None),
        ("como lidar com a rejeição?", OTHER, None),
        ("oi, tudo bem", OTHER, None),
    ],
    "de": [
        ("Absage bekommen", REJECTION, None),
        ("Absage von Siemens bekommen", REJECTION, None),
        ("wieder eine Absage nach dem Vorstellungsgespräch", REJECTION, "interview"),
        ("ich wurde abgelehnt", REJECTION, None),
        ("keine Rückmeldung vom Recruiter", REJECTION, "recruiter"),
        ("keine Antwort auf meine Bewerbung", REJECTION, "application"),
        ("ich habe die Stelle nicht bekommen", REJECTION, None),
        ("sie haben sich für einen anderen Kandidaten entschieden", REJECTION, None),
        ("die Stelle ist schon besetzt", REJECTION, None),
        ("ich wurde nicht eingeladen", REJECTION, None),
        ("ich habe keine Zusage bekommen", REJECTION, None),
        ("Zusage!", WIN, None),
        ("ich habe eine Zusage bekommen", WIN, None),
        ("Einladung zum Vorstellungsgespräch!", WIN, None),
        ("ich wurde eingeladen", WIN, None),
        ("ich habe ein Jobangebot", WIN, None),
        ("Vertrag unterschrieben", WIN, None),
        ("wie gehe ich mit Absagen um?", OTHER, None),
        ("hallo", OTHER, None),
        ("ich bin müde", OTHER, None),
    ],
    "ru": [
        ("мне отказали", REJECTION, None),
        ("мне отказали после собеседования", REJECTION, "interview"),
        ("опять отказ", REJECTION, None),
        ("не перезвонили после интервью", REJECTION, "interview"),
        ("рекрутер не ответил, проигнорировали", REJECTION, "recruiter"),
        ("на отклик не ответили", REJECTION, "application"),
        ("меня не взяли", REJECTION, None),
        ("выбрали другого кандидата", REJECTION, None),
        ("не прошла собеседование", REJECTION, "interview"),
        ("меня уволили", REJECTION, None),
        ("меня взяли!", WIN, None),
        ("меня пригласили на собеседование", WIN, None),
        ("получил оффер", WIN, None),
        ("прошла на следующий этап", WIN, None),
        ("нашёл работу!", WIN, None),
        ("как пережить отказ?", OTHER, None),
        ("привет", OTHER, None),
        ("сегодня был трудный день", OTHER, None),
    ],
}

FORWARDED: list[tuple[str, Reading, str | None]] = [
    (
        "Dear Alex, thank you for your interest in the Senior Engineer position at Acme. "
        "After careful consideration, we have decided to move forward with other candidates "
        "whose experience more closely matches our needs. We will keep your resume on file "
        "and wish you the best in your job search.",
        REJECTION,
        None,
    ),
    (
        "Hi Sam, thanks for taking the time to interview with us last week. Unfortunately, "
        "we won't be moving forward at this time.",
        REJECTION,
        "interview",
    ),
    (
        "Thank you for applying. Unfortunately the role is no longer open at this time.",
        REJECTION,
        None,
    ),
    (
        "Hi Priya, we are pleased to offer you the position of Data Analyst. "
        "Congratulations! Please find the offer letter attached.",
        WIN,
        None,
    ),
    (
        "Hi! We'd like to invite you to a second interview with the team on Thursday.",
        WIN,
        None,
    ),
    ("Lunch on Friday? Let me know.", OTHER, None),
    ("Unfortunately I'm sick today, can we move our coffee?", OTHER, None),
]


@pytest.mark.parametrize(("text", "reading", "kind"), TABLE)
def test_read_free_text(text: str, reading: Reading, kind: str | None) -> None:
    found = read_free_text(text)
    assert (found.reading, found.kind) == (reading, kind), text
    assert (found.distress is not None) == (reading is DISTRESS)


@pytest.mark.parametrize(
    ("language", "text", "reading", "kind"),
    [(lang, *row) for lang, rows in BY_LANGUAGE.items() for row in rows],
)
def test_read_free_text_by_language(
    language: str, text: str, reading: Reading, kind: str | None
) -> None:
    found = read_free_text(text)
    assert (found.reading, found.kind) == (reading, kind), (language, text)


def test_every_language_has_every_reading() -> None:
    for language, rows in BY_LANGUAGE.items():
        assert {reading for _, reading, _ in rows} >= {REJECTION, WIN, OTHER}, language
        assert len(rows) >= 15, language


@pytest.mark.parametrize(("text", "reading", "kind"), FORWARDED)
def test_forwarded(text: str, reading: Reading, kind: str | None) -> None:
    found = read_free_text(text, forwarded=True)
    assert (found.reading, found.kind) == (reading, kind), text


def test_weak_recruiter_phrasing_needs_a_forward() -> None:
    text = "Unfortunately, after careful consideration, the position is closing at this time."
    assert read_free_text(text, forwarded=True).reading is REJECTION
    typed = "Thank you for your interest in the role; at this time we are reviewing."
    assert read_free_text(typed).reading is OTHER


def test_distress_carries_its_category() -> None:
    assert read_free_text("I'm a burden to everyone") == FreeText(
        DISTRESS, distress=read_free_text("I'm a burden to everyone").distress
    )
    found = read_free_text("I'm a burden to everyone").distress
    assert found is not None and found.concern is Concern.BURDEN


def test_table_size() -> None:
    assert len(TABLE) + len(FORWARDED) >= 60
    assert {reading for _, reading, _ in TABLE} == set(Reading)


@given(st.text(max_size=300), st.booleans())
def test_any_text_has_one_reading(text: str, forwarded: bool) -> None:
    found = read_free_text(text, forwarded=forwarded)
    assert found.reading in Reading
    assert found.kind is None or found.reading is REJECTION
