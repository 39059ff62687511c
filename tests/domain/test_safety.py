"""Distress detection (bot.domain.safety): a crisis table and a "not a crisis" table.

Both tables are measured in ``test_rates``: every crisis phrase must be detected, and no
figure of speech may be (SAFETY.md: a false alarm tells a person who was only venting that
the bot doesn't listen). A phrase added to a table is a decision: keep a comment with it
when it is a close call.
"""

from __future__ import annotations

import hashlib
import hmac
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain import safety
from bot.domain.safety import Concern, assess, keyed_user_hash, suggests_self_harm

D, S, P, B, H, G = (
    Concern.DIRECT,
    Concern.SELF_HARM,
    Concern.PASSIVE,
    Concern.BURDEN,
    Concern.HOPELESS,
    Concern.GOODBYE,
)

CRISIS: list[tuple[str, Concern]] = [
    # --- the examples of issue 13
    ("I want to end it all", D),
    ("theres no point in living anymore", P),
    ("i'm worthless and everyone would be better off without me", B),
    ("kms", D),
    ("I feel like giving up on everything", H),
    ("can't go on", H),
    ("no reason to live", P),
    ("better off without me", B),
    # --- direct, plain and slang
    ("I want to kill myself", D),
    ("i wanna kill myself", D),
    ("Honestly I want to die after this one", D),
    ("I keep thinking about killing myself", D),
    ("sometimes I think about ending it all", D),
    ("I'm SUICIDAL", D),
    ("feeling suicidal tonight", D),
    ("I've been having suicidal thoughts", D),
    ("im having sucidal thoughts again", D),  # typo
    ("thinking about suicide a lot", D),
    ("ugh kms", D),
    ("i'm gonna kms", D),
    ("I'm going to kys", D),  # "kys" with a first-person lead: about themselves
    ("i might just kys tbh", D),
    ("I want to unalive myself", D),
    ("thinking about unaliving", D),
    ("i want to take my own life", D),
    ("I'm going to end my life", D),
    ("I just want to end it.", D),
    ("I'm ready to end things", D),
    ("I want to die", D),
    ("i just wanna die", D),
    ("I wish I could die", D),
    ("I want to be dead", D),
    ("I deserve to die", D),
    ("I should just die", D),
    ("I'm ready to die", D),
    ("I want to stop existing", D),
    ("thinking about dying a lot lately", D),
    ("I feel like ending it", D),
    ("feel like dying", D),
    ("I want to off myself", D),
    ("thinking of sewer slide", D),
    ("I want to self delete", D),
    ("I'm going to jump off a bridge", D),
    ("I want to hang myself", D),
    ("I could overdose on my pills", D),
    ("I want to take all my pills", D),
    ("just commit sudoku already", D),
    # --- direct, spelt the way people type
    ("i want to kil myself", D),  # typo
    ("I want to kill my self", D),  # split word
    ("killmyself", D),  # no spaces
    ("iwanttodie", D),
    ("I want 2 die", D),
    ("i wnat to die", D),  # typo
    ("I want to dieeee", D),  # repeated letters
    ("I WANT TO DIE", D),
    ("Sooo tired. I want to kiiiill myselfff", D),
    ("I’m going to kill myself", D),  # unicode apostrophe
    ("k1ll mys3lf", D),  # leetspeak
    ("$uicidal", D),
    ("ＩＭ ＳＵＩＣＩＤＡＬ", D),  # full-width letters
    ("I want to… die", D),  # ellipsis mid-sentence
    ("i want to die!!!!!", D),
    # --- self-harm
    ("I want to hurt myself", S),
    ("I might hurt myself", S),
    ("I've been cutting myself again", S),
    ("i started cutting again", S),
    ("i want to cut my wrists", S),
    ("thinking of self-harm again", S),
    ("self harming is the only thing that helps", S),
    ("I deserve the pain", S),
    ("i deserve to suffer", S),
    ("I need to punish myself", S),
    ("I burned myself on purpose", S),
    ("I keep starving myself", S),
    ("I have the urge to harm myself", S),
    ("i want to feel pain", S),
    ("i keep wanting to cut", S),
    ("i relapsed and cut myself", S),
    ("I'm hurting myself by cutting again", S),
    ("I want to hurt myself at night", S),
    # --- passive
    ("there's no reason to live", P),
    ("I have no reason to go on", P),
    ("nothing to live for", P),
    ("I have nothing left to live for", P),
    ("I don't want to be alive anymore", P),
    ("i dont want to live anymore", P),
    ("I don't want to exist", P),
    ("i don’t want to wake up tomorrow", P),
    ("I hope I don't wake up", P),
    ("I wish I could go to sleep and never wake up", P),
    ("I wish I was dead", P),
    ("i wish i had never been born", P),
    ("I wish I wasn't born", P),
    ("I'd be better off dead", P),
    ("better off dead", P),
    ("I'd rather be dead", P),
    ("I'd rather die than go on like this", P),
    ("honestly I'd rather die", P),
    ("I'd be better off dead right now", P),
    ("I wish I was dead, tired of all of it", P),
    ("I shouldn't be alive", P),
    ("life is pointless", P),
    ("life isn't worth living", P),
    ("is life even worth living", P),
    ("life has no meaning anymore", P),
    ("I can't see any reason to keep living", P),
    ("i want to sleep and not wake up", P),
    ("what's the point of living", P),
    ("I'm tired of living", P),
    ("I'm so done with life", P),
    ("I don't want to be here anymore", P),
    ("I don't want to be here.", P),
    ("I want to disappear forever", P),
    ("i'd rather not wake up", P),
    # --- burden
    ("everyone would be better off without me", B),
    ("my family would be better off without me", B),
    ("the world would be a better place without me", B),
    ("they'd all be happier without me", B),
    ("everyone would be better off if I was gone", B),
    ("Everybody would be better off w/o me", B),
    ("betteroffwithoutme", B),
    ("I'm a burden", B),
    ("I'm just a burden to everyone", B),
    ("I feel like such a burden", B),
    ("I'm nothing but a burden on my family", B),
    ("nobody would miss me", B),
    ("no one would even notice if i disappeared", B),
    ("you won't have to deal with me much longer", B),
    # --- hopeless about everything
    ("I'm giving up on life", H),
    ("i give up on everything", H),
    ("I've given up on myself", H),
    ("I can't go on like this", H),
    ("i cant go on anymore", H),
    ("I cannot go on.", H),
    ("I can't keep living like this", H),
    ("I can't take this life anymore", H),
    ("There's no hope left", H),
    ("I have no hope.", H),
    ("I've lost all hope.", H),
    ("I've lost the will to live", H),
    ("I feel hopeless", H),
    ("I feel so hopeless.", H),
    ("everything is hopeless", H),
    ("hopeless about everything", H),
    ("there's no point in anything", H),
    ("what's the point anymore", H),
    ("nothing matters anymore", H),
    ("Nothing will ever change", H),
    ("it will never get better", H),
    ("things are never going to get better", H),
    ("it's never going to be okay", H),
    ("I just want it all to stop", H),
    ("I want the pain to end", H),
    ("i want it all to be over", H),
    ("i don't see a way out", H),
    ("there's nothing left for me", H),
    ("everything is pointless", H),
    # --- goodbyes
    ("this is my last message", G),
    ("This is my final goodbye", G),
    ("goodbye forever", G),
    ("goodbye cruel world", G),
    ("I won't be around much longer", G),
    ("by the time you read this I'll be gone", G),
    ("I've been giving away my things", G),
    ("I gave all my stuff away", G),
    ("I wrote a goodbye note", G),
    ("please tell my family I love them", G),
    ("Tell my mom I'm sorry", G),
    ("saying my final goodbyes", G),
    # --- one message, a figure of speech and a crisis: the mask hides only its own words
    ("career suicide, honestly. I want to die", D),
    ("this job is killing me and I want to kill myself", D),
    ("I'm not suicidal but I want to disappear forever", P),
]

NOT_CRISIS: list[str] = [
    # --- SAFETY.md's job-search figures of speech
    "this job search is killing me",
    "this job is killing me",
    "I'd kill for that role",
    "a dead-end job",
    "I'm stuck in a dead-end job",
    "I bombed the interview",
    "I died in the interview",
    "shoot me an email",
    "that rejection killed my mood",
    "I'm dying to hear back",
    "suicide mission of a deadline",
    "killed it in the interview",
    "I'm giving up on this company",
    "no point applying to Google again",
    # --- killing, dying, dead
    "The interview was a killer",
    "I'd die for that job (figuratively)",
    "I could kill myself for forgetting to attach my CV",
    "I'm killing myself trying to finish this take-home",
    "killing myself laughing at this job posting",
    "kmsl that recruiter email",
    "I could die of embarrassment",
    "I wanted to die of embarrassment when I mispronounced his name",
    "I'd rather die than work there again",
    "a salary to die for",
    "I'm ready to die on this hill about remote work",
    "I don't want to die in a dead-end job",
    "I'm dead tired",
    "lol I'm dead 💀 that question was wild",
    "Die Hard is my comfort movie",
    "dead last in the coding challenge",
    "the deadline is tomorrow",
    "killer app idea for my portfolio",
    "the commute is murder",
    "kill two birds with one stone",
    "I murdered that presentation",
    "I'm killing it at networking",
    "The hiring freeze is killing all my chances",
    "This interview prep is going to be the death of me",
    "I'm not going to kill myself over a rejection",
    "I wouldn't kill myself over one bad interview",
    "I'm dying to know if I got it",
    "part of me died when I saw the email",
    "I want to die a little every time I open LinkedIn",
    "I wish I was dead serious about this role",
    "I'm hanging myself out to dry with these salary expectations",
    "I'd rather be dead last than not apply",
    "ugh just kill me, another take-home",
    "I'm at the end of my rope",
    "I'm burnt out",
    "I feel like a failure",
    "I'll never find a job",
    "I'm so over this",
    "I shot myself in the foot in that interview",
    "this spreadsheet makes me lose the will to live",
    # --- kms and kys
    "I ran 10 kms this morning to clear my head",
    "the office is 30kms away",
    "a few kms away from home",
    "I set up AWS KMS keys at my last job",
    "the KMS integration broke in the demo",
    "That recruiter can kys",  # aimed at someone else: not their own distress
    # --- suicide as a figure of speech
    "applying there would be career suicide",
    "that would be professional suicide",
    "I did suicide sprints at the gym",
    "the Suicide Squad movie was on",
    "I volunteer for suicide prevention week",
    "I'm not suicidal, just exhausted by this process",
    # --- hurting, cutting, burning, punishing
    "my team is probably better off without me",
    "the company is better off without me, honestly",
    "cut myself some slack today",
    "I need to cut myself off from LinkedIn for a while",
    "I'm burning myself out with applications",
    "I hurt myself at the gym",
    "I'm only hurting myself by not applying",
    "I hurt my chances by being late",
    "I'm hurting after this rejection",
    "I'm beating myself up about that answer",
    "I could kick myself",
    "I keep punishing myself over that interview",
    "they started cutting again, third round of layoffs",
    "The pain of rejection is real but I'll get through it",
    # --- venting that is painful but not a SAFETY.md category (decisions)
    "I'm so done with LinkedIn",
    "I'm done with this company",
    "I give up on FAANG",
    "there's no way out of this contract",
    "there's nothing left for me at this company",
    "I want to cut my losses with this recruiter",
    "I feel like giving up",
    "I give up.",
    "I can't do this anymore",
    "I can't take it anymore, 200 applications and nothing",
    "I hate my life right now",
    "I feel worthless after this rejection",
    "I'm worthless at interviews",
    "I'm hopeless at negotiating",
    "I feel hopeless about this job market",
    "the job market is hopeless",
    "my career is over",
    "rejected again, ugh",
    "they ghosted me and it hurts",
    "I'm not giving up on myself",
    "I will never give up on life",
    # --- the same words about a job, not about living
    "there's no point in applying to big tech",
    "what's the point of a cover letter?",
    "what's the point?",
    "no reason to apply there",
    "I have no reason to stay at this company",
    "I can't go on another interview this week",
    "I can't keep going to interviews that lead nowhere",
    "I don't want to live in London anymore",
    "I don't want to wake up early for this interview",
    "I don't want to be here at this company",
    "I want to end my contract early",
    "I want to end it with this recruiter",
    "let's end it here for today",
    "ending the call early was my mistake",
    "I want to take my life in a new direction",
    "I need to take my life back",
    "what's the point of life insurance",
    "I'm tired of living paycheck to paycheck",
    "I'm tired of my life as a freelancer",
    "There's no hope for this application",
    "I've lost all hope of hearing back from them",
    "I lost hope in that company",
    "Nothing will change my mind about this company",
    "I'll never get better at whiteboard interviews",
    "nothing matters more than culture fit",
    "things will get better",
    "life is good",
    "life is worth living",
    "I wish I could disappear for a week on vacation",
    "I wish I was at Google",
    "the application form is a burden",
    # --- goodbyes that are not
    "My last message to the recruiter got no reply",
    "This is my last message to them, I'm done chasing",
    "Goodbye everyone, I got a job!",
    "saying goodbye to my team today",
    "I won't be around tomorrow, I have an interview",
    "giving away my old interview suits",
    "I wrote a goodbye note to my team",
    "I should tell my mom I love her more often",
    "this is the end of my job search, I got an offer!",
    # --- words that contain the letters
    "Skills: Python, SQL",
    "Kmart is hiring",
    "Suite of tests at the assessment",
    "overkill",
    "deadass this interview went well",
    "the killer whale exhibit job at the aquarium",
    "",
    "   ",
]

# One table per language besides English: crisis rows (with their category) and "not a
# crisis" rows (the job search's figures of speech and venting in that language, and false
# friends: the same words about a job, a city, a haircut).
CRISIS_BY_LANGUAGE: dict[str, list[tuple[str, Concern]]] = {
    "es": [
        ("quiero morir", D),
        ("Me quiero morir", D),
        ("solo quiero morirme", D),
        ("Quiero matarme", D),
        ("me voy a matar", D),
        ("me quiero suicidar", D),
        ("pienso en el suicidio", D),
        ("tengo pensamientos suicidas", D),
        ("quiero acabar con mi vida", D),
        ("voy a quitarme la vida", D),
        ("QUIERO MORIRRR", D),
        ("quiero hacerme daño", S),
        ("tengo ganas de cortarme", S),
        ("volví a cortarme", S),
        ("merezco sufrir", S),
        ("no quiero vivir más", P),
        ("ya no quiero seguir viviendo", P),
        ("ojalá no despertara mañana", P),
        ("no tengo ninguna razón para vivir", P),
        ("no tengo nada por lo que vivir", P),
        ("todos estarían mejor sin mí", B),
        ("soy una carga", B),
        ("me siento un estorbo para todos", B),
        ("no puedo seguir así", H),
        ("nada tiene sentido", H),
        ("mi vida ya no tiene sentido", H),
        ("perdí toda esperanza.", H),
        ("este es mi último mensaje", G),
        ("adiós para siempre", G),
        ("cuando leas esto", G),
        ("suicidio profesional, y además quiero morir", D),  # the mask hides only its words
        ("prefiero morir antes que seguir viviendo así", D),  # not the "rather die than" mask
        ("me dan ganas de matarme", D),
        ("rejected again y la verdad quiero morir", D),  # people mix languages
    ],
    "pt": [
        ("quero morrer", D),
        ("eu só queria morrer", D),
        ("vou me matar", D),
        ("tô pensando em me matar", D),
        ("estou pensando em suicídio", D),
        ("quero acabar com a minha vida", D),
        ("vou tirar minha própria vida", D),
        ("prefiro morrer do que continuar assim", D),
        ("quero me machucar", S),
        ("me cortei de novo", S),
        ("eu mereço sofrer", S),
        ("não quero mais viver", P),
        ("queria dormir e não acordar mais", P),
        ("não tenho motivo para viver", P),
        ("não tenho mais vontade de viver", P),
        ("todos ficariam melhor sem mim", B),
        ("sou um peso", B),
        ("nada faz sentido", H),
        ("a vida não faz mais sentido", H),
        ("não vejo saída", H),
        ("perdi toda a esperança", H),
        ("esta é minha última mensagem", G),
        ("essa é a minha última mensagem", G),
        ("adeus para sempre", G),
        ("quando você ler isso", G),
    ],
    "de": [
        ("ich will sterben", D),
        ("Ich möchte einfach sterben", D),
        ("ich will mich umbringen", D),
        ("ich bringe mich um", D),
        ("ich denke an Selbstmord", D),
        ("ich habe Suizidgedanken", D),
        ("ich möchte mir das Leben nehmen", D),
        ("ich will mir was antun", D),
        ("ich will mich ritzen", S),
        ("ich will mir selbst weh tun", S),
        ("ich verdiene es zu leiden", S),
        ("ich will nicht mehr leben", P),
        ("ich möchte nicht mehr aufwachen", P),
        ("ich wünschte, ich wäre tot", P),
        ("ich habe keinen Grund mehr zu leben", P),
        ("alle wären besser dran ohne mich", B),
        ("ich bin nur eine Last", B),
        ("ich falle allen zur Last", B),
        ("alles ist sinnlos", H),
        ("ich kann nicht mehr leben", H),
        ("es hat alles keinen Sinn mehr", H),
        ("ich sehe keinen Ausweg.", H),
        ("ich würde lieber sterben als so weiterleben", D),  # not the "rather die than" mask
        ("das ist meine letzte Nachricht", G),
        ("lebt wohl für immer", G),
        ("wenn ihr das lest, bin ich nicht mehr da", G),
        ("Absage Nummer 20. ich will nicht mehr leben", P),
        ("Große Scheiße. Ich will sterben", D),  # "ß"
    ],
    "ru": [
        ("хочу умереть", D),
        ("я просто хочу умереть", D),
        ("я хочу убить себя", D),
        ("думаю о суициде", D),
        ("хочу покончить с собой", D),
        ("мысли о самоубийстве", D),
        ("хочу выпилиться", D),
        ("хочется сдохнуть", D),
        ("ХОЧУ УМЕРЕТЬЬЬ", D),
        ("хочу порезать себя", S),
        ("опять режу руки", S),
        ("я заслуживаю боли", S),
        ("не хочу жить", P),
        ("не хочу больше просыпаться", P),
        ("лучше бы я не родилась", P),
        ("нет смысла жить", P),
        ("незачем жить", P),
        ("всем будет лучше без меня", B),
        ("я обуза", B),
        ("больше не могу жить", H),
        ("не могу так больше жить", H),
        ("всё бессмысленно", H),
        ("не вижу выхода", H),
        ("это моё последнее сообщение", G),
        ("это мое последнее сообщение", G),  # "е" for "ё"
        ("прощайте навсегда", G),
        ("когда вы это прочитаете, меня уже не будет", G),
    ],
}

NOT_CRISIS_BY_LANGUAGE: dict[str, list[str]] = {
    "es": [
        "este trabajo me está matando",
        "esta búsqueda me mata",
        "me van a matar con tantas entrevistas",
        "me voy a matar estudiando para la entrevista",
        "me quiero matar estudiando para el examen",
        "me dan ganas de matar a mi jefe",  # about someone else
        "me muero de ganas de saber",
        "me muero de vergüenza",
        "quiero morirme de la risa con esa pregunta",
        "mataría por ese puesto",
        "sería un suicidio profesional",
        "prefiero morir antes que trabajar ahí otra vez",
        "no quiero morir en un trabajo sin futuro",
        "no puedo más con este proceso",  # venting, like "I can't take it anymore"
        "estoy harta de las entrevistas",
        "no quiero vivir en Madrid",
        "no quiero despertar temprano para la entrevista",
        "voy a cortarme el pelo antes de la entrevista",
        "quiero acabar con mi vida laboral en esa empresa",
        "la empresa estaría mejor sin mí, la verdad",
        "este es mi último mensaje al reclutador",
        "no hay razón para postularme ahí",
        "no soy suicida, solo estoy cansado",
        "me rechazaron otra vez",
    ],
    "pt": [
        "esse emprego vai me matar",
        "essa entrevista tá me matando",
        "estou morrendo de vergonha",
        "quero morrer de vergonha",
        "vou me matar de estudar pra essa prova",
        "seria suicídio profissional",
        "não aguento mais essa entrevista",
        "não quero viver em São Paulo",
        "não consigo acordar cedo",
        "prefiro morrer do que trabalhar lá de novo",
        "a empresa fica melhor sem mim",
        "essa é minha última mensagem para o recrutador",
        "fui rejeitado de novo",
        "não tenho motivo para me candidatar lá",
        "tô morrendo de rir com esse recrutador",
        "mataria por essa vaga",
        "quero sumir das redes por um tempo",
        "não quero morrer nesse emprego sem futuro",
        "perdi a esperança de ouvir de volta deles",
    ],
    "de": [
        "der Job bringt mich um",
        "diese Absagen bringen mich noch um",
        "die Bewerbungen werden mich noch umbringen",
        "ich könnte mich umbringen, dass ich den Anhang vergessen habe",
        "ich bringe mich um meinen Schlaf mit diesen Bewerbungen",
        "ich sterbe vor Scham",
        "ich kann nicht mehr",  # venting: "I can't anymore"
        "das wäre beruflicher Selbstmord",
        "das ist Karriere-Selbstmord",
        "ich würde lieber sterben als dort zu arbeiten",
        "ich will nicht mehr in Berlin leben",
        "ich will nicht sterben, nur einen Job",
        "das Team ist besser dran ohne mich",
        "es hat keinen Sinn mehr, mich dort zu bewerben",
        "das ist meine letzte Nachricht an den Recruiter",
        "ich habe eine Absage bekommen",
        "ich sterbe vor Langeweile im Büro",
        "der Chef bringt mich noch um",
        "ich will mir die Stelle nicht entgehen lassen",
        "ich will nicht mehr warten",
    ],
    "ru": [
        "эта работа меня убивает",
        "эти собеседования меня убьют",
        "я чуть не умер от стыда",
        "хочу умереть от стыда",
        "хоть убейся об стену, никто не отвечает",
        "можно убиться об стену с этими рекрутерами",
        "больше не могу ждать ответа",
        "не хочу жить в Москве",
        "не хочу просыпаться рано ради этого собеседования",
        "это карьерное самоубийство",
        "команде будет лучше без меня",
        "я потерял надежду получить ответ",
        "это моё последнее сообщение для рекрутера",
        "мне отказали",
        "нет смысла жить здесь без работы",
        "я сдохну от скуки на этой работе",
        "убей меня, ещё одно тестовое задание",
        "я устал от поиска работы",
        "не хочу умирать на этой работе",
    ],
}
OTHER_LANGUAGES: list[tuple[str, Concern]] = [
    row for rows in CRISIS_BY_LANGUAGE.values() for row in rows
]
NOT_CRISIS_OTHER_LANGUAGES: list[str] = [
    text for rows in NOT_CRISIS_BY_LANGUAGE.values() for text in rows
]


@pytest.mark.parametrize(("text", "concern"), CRISIS)
def test_crisis_is_detected(text: str, concern: Concern) -> None:
    found = assess(text)
    assert found is not None, text
    assert found.concern is concern, (text, found)
    assert found.language == "en"
    assert suggests_self_harm(text)


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_not_a_crisis(text: str) -> None:
    assert assess(text) is None, (text, assess(text))
    assert not suggests_self_harm(text)


@pytest.mark.parametrize(("text", "concern"), OTHER_LANGUAGES)
def test_crisis_in_other_languages(text: str, concern: Concern) -> None:
    found = assess(text)
    assert found is not None, text
    assert found.concern is concern, (text, found)


@pytest.mark.parametrize("text", NOT_CRISIS_OTHER_LANGUAGES)
def test_not_a_crisis_in_other_languages(text: str) -> None:
    assert assess(text) is None, (text, assess(text))


@pytest.mark.parametrize(("text", "concern"), OTHER_LANGUAGES)
def test_other_languages_survive_how_people_type(text: str, concern: Concern) -> None:
    variants = [text.upper(), text.replace("а", "аа").replace("e", "ee"), f"{text}!!! 😔"]
    for variant in variants:
        found = assess(variant)
        assert found is not None and found.concern is concern, (variant, found)


def test_importing_compiles_nothing() -> None:
    """Start-up: the patterns are compiled on the first message, in a fresh interpreter."""
    code = (
        "import bot.domain.safety as s, bot.domain.intent as i;"
        "assert s._compiled.cache_info().currsize == 0;"
        "assert i._patterns.cache_info().currsize == 0;"
        "s.assess('hello'); assert s._compiled.cache_info().currsize == 1"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(("text", "concern"), CRISIS)
def test_crisis_survives_how_people_type(text: str, concern: Concern) -> None:
    """Upper case, curly or missing apostrophes, stretched letters: the same reading."""
    variants = [
        text.upper(),
        text.replace("'", "’"),
        text.replace("'", ""),
        text.replace("e", "ee").replace("a", "aaa"),
        f"  {text}  🙁",
    ]
    for variant in variants:
        found = assess(variant)
        assert found is not None and found.concern is concern, (variant, found)


def test_rates() -> None:
    """The closing numbers of issues 13 and 18: tables' sizes, detection and false alarms."""
    detected = sum(assess(text) is not None for text, _ in CRISIS)
    false_alarms = sum(assess(text) is not None for text in NOT_CRISIS)
    lines = [
        f"en: crisis {detected}/{len(CRISIS)} detected, {false_alarms}/{len(NOT_CRISIS)} flagged"
    ]
    for language, rows in CRISIS_BY_LANGUAGE.items():
        found = sum(assess(text) is not None for text, _ in rows)
        calm = NOT_CRISIS_BY_LANGUAGE[language]
        flagged = sum(assess(text) is not None for text in calm)
        lines.append(
            f"{language}: crisis {found}/{len(rows)} detected, {flagged}/{len(calm)} flagged"
        )
        assert found == len(rows) and flagged == 0, language
    print("; ".join(lines))  # shown with -s / -rA; the assertions are the contract
    assert len(CRISIS) >= 100 and len(NOT_CRISIS) >= 100
    assert detected == len(CRISIS)
    assert false_alarms == 0
    assert all(len(rows) >= 20 for rows in CRISIS_BY_LANGUAGE.values())
    assert all(len(rows) >= 12 for rows in NOT_CRISIS_BY_LANGUAGE.values())


def test_every_category_and_rule_has_a_row() -> None:
    crisis_rows = [text for text, _ in CRISIS] + [text for text, _ in OTHER_LANGUAGES]
    fired = {found.rule for text in crisis_rows if (found := assess(text)) is not None}
    rules = {rule.name for rule in safety.RULES}
    assert rules - fired == set()
    assert {concern for _, concern in CRISIS} == set(Concern)
    for language in ("es", "pt", "de", "ru"):
        concerns = {
            c for text, c in OTHER_LANGUAGES if (f := assess(text)) and f.language == language
        }
        assert concerns == set(Concern), language


@given(st.text(max_size=300))
def test_any_text_is_assessed_without_error(text: str) -> None:
    assert suggests_self_harm(text) == (assess(text) is not None)


def test_keyed_user_hash() -> None:
    key = b"a secret from the settings"
    first = keyed_user_hash(42, key)
    assert first == keyed_user_hash(42, key)
    assert len(first) == 16 and int(first, 16) >= 0
    assert first == hmac.new(key, b"42", hashlib.sha256).hexdigest()[:16]
    assert keyed_user_hash(43, key) != first
    assert keyed_user_hash(42, b"another key") != first
    assert first != hashlib.sha256(b"42").hexdigest()[:16]  # keyed, not a plain hash
    with pytest.raises(ValueError):
        keyed_user_hash(42, b"")
