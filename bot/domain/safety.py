"""Does a message read as distress? A curated, tested list of patterns; no model, no network.

The bot is not a crisis service, but it must be a reliable bridge to one (SAFETY.md). When a
rule matches, the flows answer with care and a helpline first and store nothing unasked.
A false alarm is not harmless either (it tells someone who was only venting that the bot
does not listen), so the figures of speech of a job search ("this job is killing me",
"I'd kill for that role", "career suicide", "cut myself some slack") are masked out
before the rules run. ``tests/domain/test_safety.py`` holds both tables and their rates.

How a message is read: :func:`bot.domain.phrases.normalise` (case, apostrophes, accents,
repeated letters, leetspeak, sentence ends; see that module), then the masks (figures of
speech) are replaced by a separator, then the rules run in order of gravity and the first
match is the result. Masks only hide their own words: "career suicide, honestly I want to
die" still matches. Rules are written in plain spelling and also match without spaces
("killmyself").

Decisions worth knowing (each has a row in the tables):

* "kys" ("kill yourself") is aimed at someone else and is not flagged on its own; it is
  flagged with a first-person lead ("I'm gonna kys"), as some people use it for themselves.
  "kms" is flagged, except as a distance ("ran 5 kms", "kms away").
* "unalive" is flagged unless its object is someone else ("unalive my boss").
* Hopelessness counts when it is about everything ("no point in anything", "giving up on
  everything", "I feel hopeless."), not about one company or the search ("no point applying
  to Google again", "I'm giving up on this company", "hopeless about this job market").
* Venting such as "I can't do this anymore", "I give up", "I hate my life", "I feel
  worthless" is not flagged: painful, common after a rejection, and outside the SAFETY.md
  categories; the free-text reader treats it as ordinary text.
* "I want to die" and "I'd rather die" are flagged even when they may be hyperbole;
  "die of embarrassment", "I'd rather die than work there", "to die for", "die a little"
  and "die on this hill" are masked ("I'd rather die than go on like this" is not).
* "Goodbye everyone" and "this is goodbye" are not flagged on their own (people leave
  groups and jobs); "goodbye forever", "this is my last message", "by the time you read
  this" are.
* A disclaimer ("I'm not suicidal", "I don't want to die", "I'm not giving up on myself")
  is masked; any other match in the message still counts.
* Not recognised at all: words glued to the front of a phrase ("omgiwanttodie"),
  heavy misspelling, and distress said without any of the words (irony, context over
  several messages). The list reduces misses; it cannot rule them out.

Languages: English is the reference; Spanish, Portuguese, German and Russian (the languages
the bot speaks) have their own lists, each with its figures of speech masked ("este trabajo
me está matando", "das bringt mich um", "эта работа меня убивает", "suicídio
profissional"). All of them run on every message, whatever the person's language setting:
people mix languages, type in the language they think in, or have a Telegram set to English
while they write Russian, and SAFETY.md counts a missed crisis as worse than a false alarm.
It is also cheap: the rules of one language rarely match another's words (each
language's "not a crisis" table runs through all rules, so a clash would show there), and
reading a message is a few regex searches (bench/reading.py). They want review by native
speakers.

Start-up: the rules are kept as text and compiled on the first message (:func:`_compiled`,
cached), so importing this module costs nothing measurable.

Never log the text or what matched: log the event, with :func:`keyed_user_hash` for the
person. :class:`Distress` says which rule fired, for tests and for the reply; the category
describes a person's state, so keep it out of logs too.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Final

from bot.domain.phrases import END, compile_any, compile_phrase, normalise

__all__ = [
    "Concern",
    "Distress",
    "assess",
    "keyed_user_hash",
    "normalise",
    "suggests_self_harm",
]


class Concern(StrEnum):
    """The SAFETY.md categories, most direct first."""

    DIRECT = "direct"  # wishes to die or to kill oneself, and ways of doing it
    SELF_HARM = "self_harm"  # wanting to hurt, cut or punish oneself; deserving pain
    PASSIVE = "passive"  # not wanting to be here, no reason to live
    BURDEN = "burden"  # everyone would be better off without me
    HOPELESS = "hopeless"  # no point in anything, can't go on, giving up on everything
    GOODBYE = "goodbye"  # last messages, giving things away


@dataclass(frozen=True, slots=True)
class Distress:
    """Which rule fired: its category, its name and its language (never the words)."""

    concern: Concern
    rule: str
    language: str


@dataclass(frozen=True, slots=True)
class _Rule:
    concern: Concern
    name: str
    language: str
    source: str  # compiled on first use: see :func:`_compiled`


def _rules(language: str, table: tuple[tuple[Concern, str, str], ...]) -> tuple[_Rule, ...]:
    return tuple(_Rule(c, name, language, src) for c, name, src in table)


# --- English ----------------------------------------------------------------------------

ME = r"(?:myself|my self|myslef|mysef|mysefl|meself|my own self)"
ADV = r"(?:(?:just|really|finally|literally|actually|seriously|honestly|truly|fr) ){0,3}"
# first-person intent before a verb: "I want to", "gonna", "thinking about"...
INTENT = (
    r"(?:want|wanted|wanting|wanna|wnat|need|needed|going|gonna|gona|plan|planning|planned"
    r"|decided|deciding|ready|tempted|trying|tryna|about|considering|might|may|should|will"
    r"|ill|id|urge|urges|urge to|feel like|feeling like|finna|gotta|have to|think about"
    r"|thinking about|thought about|thinking of|thought of|scared id|afraid id|afraid ill"
    r"|scared ill)(?: to)?"
)
WISH_DIE = (
    r"(?:i |im |i just |i really )?(?:want|wanted|wanting|wanna|wnat|ready|long|longing|pray"
    r"|praying|hope i|hoping i|wish i could|wish to|need|just want)(?: to)?"
)
NOT_ = r"(?:dont|do not|dnt|didnt|no longer|never|dont really|do not really|really dont)"
CANT = r"(?:cant|cannot|can not|cnt|cant really|dont think i can|unable to)"
FAMILY = (
    r"(?:family|mom|mum|mother|dad|father|parents|kids|children|wife|husband|partner"
    r"|boyfriend|girlfriend|sister|brother|friends)"
)
SUICIDE = r"(?:su(?:i|)(?:c|s|sc)(?:i|)d(?:e|es|al|aly|ally)|sewer ?slide|self ?delet(?:e|ing|ion))"
OTHERS = (
    r"(?:you|yourself|him|himself|her|herself|them|themselves|the|that|this|those|these|your"
    r"|his|their|my (?:boss|manager"
    r"|recruiter|ex|interviewer|coworker|colleague|landlord))"
)

EN: Final = _rules(
    "en",
    (
        # direct
        (Concern.DIRECT, "kill-myself", rf"kill(?:s|ing|ed)? {ME}"),
        (
            Concern.DIRECT,
            "kms",
            r"(?<![0-9]\s)(?<![0-9])(?<!aws\s)(?<!gcp\s)(?<!the\s)(?<!azure\s)kms(?! (?:away|from"
            r"|per|long|an hour|of (?:driving|running|walking)|key|keys|encryption|integration|api"
            r"|service|server|activation|license))",
        ),
        (
            Concern.DIRECT,
            "kys-first-person",
            rf"(?:i|im|i am|ill|i will|i should|i might|i wanna|i want to|i need to|gona|going to"
            rf"|about to|finna|tryna|lets) {ADV}kys",
        ),
        (Concern.DIRECT, "suicide", SUICIDE),
        (Concern.DIRECT, "commit-sudoku", r"commit (?:sudoku|die)"),
        (
            Concern.DIRECT,
            "end-my-life",
            r"(?:end|ending|ended|take|taking|took) my (?:own )?life"
            r"(?! (?:in|back|into|to|forward|more))",
        ),
        (Concern.DIRECT, "end-it-all", r"end(?:ing)? (?:it all|everything)"),
        (
            Concern.DIRECT,
            "end-it",
            rf"(?:want|wanna|wnat|going|gonna|ready|need|plan|planning|decided|about|gotta"
            rf"|just|ill|will) (?:to )?{ADV}end (?:it|things|my suffering|the suffering|the pain)"
            rf"(?: now| tonight| today| for good| forever| once and for all)?{END}"
            rf"|(?:feel like|feeling like|thinking about|thinking of|thought about|considering)"
            rf" ending (?:it|things|everything)(?: now| tonight| today| for good| forever)?{END}"
            r"|(?:feel|feeling|felt) like dying",
        ),
        (
            Concern.DIRECT,
            "want-to-die",
            rf"{WISH_DIE} {ADV}(?:die|be dead|not exist|not be alive|stop existing"
            rf"|cease to exist|not be here any ?more)"
            r"|(?:i ?)?wantodie",  # "#iwanttodie": squeezed, the two t's are one
        ),
        (Concern.DIRECT, "should-die", r"(?:i )?(?:should|deserve to|ought to) (?:just )?die"),
        (Concern.DIRECT, "thinking-of-dying", r"(?:thinking|thought|think) (?:about|of) dying"),
        (
            Concern.DIRECT,
            "method",
            rf"(?:hang|hanging|hanged|shoot|shooting|shot|drown|drowning|poison|poisoning"
            rf"|overdose|overdosing|od|od ing) {ME}"
            r"|(?:overdose|od) on (?:pills|my pills|meds|my meds|sleeping pills|painkillers)"
            r"|(?:take|taking|took|swallow|swallowing|swallowed|down|downing|downed)"
            r" (?:all|all of) (?:my|the) pills"
            r"|(?:take|taking|took|swallow|swallowing|swallowed|down|downing|downed) (?:a|the|my)"
            r" (?:bottle|handful) of (?:pills|sleeping pills|painkillers)"
            r"|(?:jump|jumping|jumped|throw myself) (?:of|from) (?:a|the|my) (?:bridge|roof"
            r"|building|cliff|balcony|tower)"
            r"|(?:step|stepping|jump|jumping|throw myself|walk|walking) in front of (?:a|the)"
            r" (?:train|bus|truck|car|subway)"
            r"|(?:bullet|gun) (?:in|to|through) my (?:head|brain|mouth)"
            r"|blow my brains out",
        ),
        (
            Concern.DIRECT,
            "off-myself",
            rf"(?:to|gonna|gona|wanna|ill|will|should|might|going to) {ADV}off {ME}|offing {ME}",
        ),
        (Concern.DIRECT, "unalive", rf"un ?aliv(?:e|ing)(?: {ME}| me)?(?! {OTHERS})"),
        # self-harm
        (
            Concern.SELF_HARM,
            "self-harm",
            r"self ?(?:harm|harming|harmed|injury|injure|injuring|injured|mutilat\w*)",
        ),
        (
            Concern.SELF_HARM,
            "hurt-myself",
            rf"{INTENT} {ADV}(?:hurt|harm|cut|burn|punish|starve|injure) {ME}"
            rf"|(?:hurting|harming|cutting|burning|starving|injuring) {ME}"
            rf"|(?:hurt|harmed|cut|burned|burnt|injured) {ME} (?:again|on purpose|deliberately"
            rf"|intentionally)",
        ),
        (
            Concern.SELF_HARM,
            "cut-wrists",
            r"(?:cut|cutting|slit|slitting) my (?:wrists?|veins|thighs?)"
            r"|(?:cut|cutting|slit|slitting) my (?:arms?|legs?) (?:again|open)"
            r"|(?:i|im|i am|ive|i have) (?:started |been |ben )?cutting (?:again|myself)"
            rf"|(?:keep wanting|want|wanting|wanna|urge|urges) to cut{END}"
            r"|relapsed? (?:and )?(?:cut|hurt|harmed|burned|burnt)",
        ),
        (
            Concern.SELF_HARM,
            "deserve-pain",
            r"(?:i )?deserve (?:to )?(?:pain|the pain|to hurt|to suffer|to be hurt|to be punished"
            r"|to feel pain|to bleed|all the pain)"
            r"|(?:want|need) to feel (?:physical )?pain",
        ),
        # passive
        (
            Concern.PASSIVE,
            "no-reason-to-live",
            r"(?:no|not a single|not one|dont have a|dont have any|do not have a|have no|cant find"
            r" a|cant find any|cant see a|cant see any|dont see a|dont see any|lost my|lost all"
            r"|lost the|no more) reasons? (?:left )?(?:to|for)"
            r" (?:live|living|be alive|exist|existing|be here|wake up|stay alive|keep living"
            r"|(?:go|going|carry) on(?! (?:with|to|applying|interviewing)))",
        ),
        (Concern.PASSIVE, "nothing-to-live-for", r"nothing (?:left )?to live for"),
        (
            Concern.PASSIVE,
            "not-worth-living",
            r"(?:life|my life|living|existence) (?:has|holds) no (?:meaning|point|purpose)"
            r"|not worth living|(?:life|living|my life) (?:isnt|is not|aint|is no longer"
            r"|isnt really|is not really|doesnt feel|does not feel|doesnt seem|does not seem) worth"
            r" (?:it|living|anything)"
            r"|(?:is|isnt) (?:it|life) (?:even |really )?worth (?:living|it any ?more)"
            r"|(?:life|living|my life|existing) (?:is|feels|seems) (?:so |completely |totally )?"
            r"(?:pointless|meaningless|hopeless|not worth it|worthless)",
        ),
        (
            Concern.PASSIVE,
            "point-of-living",
            r"(?:no|zero|whats the|what is the|is there a|is there any|dont see the|dont see any"
            r"|cant see the|cant see any|lost the|there is no|theres no|not any) point"
            r" (?:in |of |to )?(?:living|live|life|being alive|existing|exist|going on"
            r"|carrying on|waking up|being here)(?! (?:insurance|coach|coaching|hacks?|skills?"
            r"|balance|cycle|style|story))",
        ),
        (
            Concern.PASSIVE,
            "dont-want-to-live",
            rf"{NOT_} (?:want|wanna|wish) to (?:be alive|exist|be around any ?more"
            rf"|be here any ?more|be here{END}|live(?: any ?more)?"
            rf"(?! (?:in|with|near|at|on|like that|there|here|abroad|somewhere|close|by|off"
            rf"|alone in))"
            rf"|wake up(?! (?:early|at|before|for|so|that|to|in time|on time)))",
        ),
        (
            Concern.PASSIVE,
            "wish-i-was-dead",
            r"wish (?:i|id) (?:was|were|had been|could be|could just|would|had|had just)? ?"
            r"(?:dead|gone for good|never born|not born|not alive|never been born|not exist"
            r"|didnt exist|die|just die|fall asleep forever|sleep forever|disappear forever"
            r"|never wake up|not wake up|not be here)"
            r"|wish i (?:wasnt|werent|was not|were not) (?:born|alive|here any ?more)",
        ),
        (
            Concern.PASSIVE,
            "not-wake-up",
            r"(?:hope|hoping|wish|pray|praying) (?:that )?i (?:dont|do not|never|wont|will not"
            r"|wouldnt|didnt|dont ever) wake up"
            r"|(?:go|went|fall|going|falling) (?:to sleep|asleep) and (?:not|never) wake up"
            r"|sleep and (?:not|never) wake up"
            r"|(?:want|wanna|wish i could) (?:to )?(?:sleep forever|never wake up)",
        ),
        (
            Concern.PASSIVE,
            "tired-of-living",
            r"(?:tired|sick|exhausted|done) (?:of|with) (?:living|being alive|life|existing"
            r"|my life|being me)(?! (?:in|at|on|with|like|as a|paycheck))",
        ),
        (
            Concern.PASSIVE,
            "better-off-dead",
            r"(?:better|better off|rather|rather just) (?:be )?dead|(?:rather|sooner) (?:just )?die"
            r"|better off (?:not (?:being )?(?:here|alive|existing|born)|never (?:being )?born)"
            r"|(?:should not|shouldnt|should never) (?:be alive|have been born|be here any ?more)"
            r"|rather not (?:be alive|exist|wake up|be here any ?more)",
        ),
        (
            Concern.PASSIVE,
            "disappear-forever",
            r"(?:want|wanna|wish i could|need|going) (?:to )?(?:just )?(?:disappear|vanish|fade"
            r" away) (?:forever|for good|permanently|from (?:this|the) world|from existence)",
        ),
        # burden
        (
            Concern.BURDEN,
            "better-off-without-me",
            r"better off without me|(?:happier|easier|better place) without me"
            r"|be (?:so much |much |a lot |way |all )?better without me"
            r"|(?:everyone|everybody|people|they|the world|world|my family|family)"
            r" (?:is |are |s |re )?(?:all )?(?:so much |much |a lot |way )?better without me"
            r"|(?:better|happier|easier) (?:off )?if i (?:was|were|am|wasnt|werent|was not"
            r"|were not)? ?(?:gone|dead|not here|not around|not alive|never born|died"
            r"|disappeared|never existed|didnt exist|had never been born)",
        ),
        (
            Concern.BURDEN,
            "a-burden",
            r"(?:im|i am|being|feel like|feeling like|become|became|ive been|always been|i feel)"
            r" (?:just |only |nothing but |such |a |an |huge |massive |big |total |constant ){0,4}"
            r"burden"
            rf"|burden (?:on|to|for) (?:everyone|everybody|my {FAMILY}|the people i love"
            r"|those around me|people around me)",
        ),
        (
            Concern.BURDEN,
            "nobody-would-miss-me",
            r"(?:nobody|no one|noone|no body) (?:would|will|d|is going to|gonna|is gonna)"
            r" (?:even )?(?:miss|notice|care)(?: about)?(?: me| it)? ?"
            r"(?:if|when) (?:i|im) (?:die|died|was gone|were gone|am gone|disappear|disappeared"
            r"|was dead|were dead|wasnt here|wasnt around|wasnt alive|left for good)"
            r"|(?:nobody|no one|noone) (?:would|will|d) (?:even )?miss me",
        ),
        (
            Concern.BURDEN,
            "not-a-problem-much-longer",
            r"(?:wont|will not|wont have to|will not have to|dont have to) (?:be a problem"
            r"|deal with me|worry about me|put up with me)"
            r" (?:any ?more|ever again|for much longer|much longer|for long)",
        ),
        # hopeless
        (
            Concern.HOPELESS,
            "give-up-on-everything",
            r"(?:give|giving|gave|given) up on (?:everything|life|living|myself|it all"
            r"|everyone and everything)",
        ),
        (
            Concern.HOPELESS,
            "cant-go-on",
            rf"{CANT} (?:go on|keep going|carry on|continue living|keep living|live like this"
            rf"|do life|take this life|take life|bear this life|handle life)"
            rf"(?= ?(?:like this|any ?more|no more|living|with (?:my )?life|(?:\.|$)))"
            rf"|{CANT} (?:take|handle|bear|stand) (?:this life|life|living|the pain|being alive"
            rf"|being me) any ?more",
        ),
        (
            Concern.HOPELESS,
            "no-hope",
            rf"(?:no|zero|not any) hope (?:left|any ?more|at all|for me|for my (?:life|future))"
            rf"|(?:there is|theres|i have|ive got|i see|i got) no hope{END}"
            r"|(?:lost|losing) (?:all|any|my) hope(?= ?(?:any ?more|in (?:life|everything|anything"
            r"|the future|myself|living)|\.|$))"
            r"|(?:ive|i have|i|im|i am|i ve) (?:lost|losing) (?:the|my|all) will to live"
            r"|no will to live",
        ),
        (
            Concern.HOPELESS,
            "hopeless",
            r"(?:feel|feeling|felt|am|im|i am|everything is|everything feels|it all feels"
            r"|it all seems|everything seems|all is) (?:so |completely |totally |utterly |really "
            r"|just |very |deeply |kind of |kinda ){0,3}hopeless"
            r"(?= ?(?:\.|$|about (?:everything|life|the future|my life|living)))"
            r"|hopeless about (?:everything|life|the future|my life|living)",
        ),
        (
            Concern.HOPELESS,
            "no-point-in-anything",
            r"(?:no|zero|whats the|what is the|dont see the|dont see any|cant see the|theres no"
            r"|there is no|not any) point (?:in |of |to )?(?:anything|everything|it all"
            r"|any of it|trying to live)"
            r"|(?:whats|what is) the point any ?more"
            r"|everything (?:is|feels|seems) (?:so )?(?:pointless|meaningless)"
            r"|nothing (?:matters|will ever matter|means anything)(?: to me)?"
            r"(?= ?(?:any ?more|\.|$))",
        ),
        (
            Concern.HOPELESS,
            "never-get-better",
            r"nothing (?:will|is going to|is gonna|is ever going to) (?:ever )?(?:change|get better"
            r"|improve|work out|be (?:ok|okay|alright|fine|better))(?! (?:my|the|their|your|his"
            r"|her|that|this|it|a|an|for (?:the|this|that)))"
            r"|(?:it|itll|things|life|my life|the pain|this pain|this feeling) (?:will |is |are "
            r"|s |re )?(?:never|not ever|wont ever|will not ever|isnt ever|arent ever)"
            r" (?:going to |gonna )?(?:change|get better|improve"
            r"|be (?:ok|okay|alright|fine|better))"
            r"|(?:the|this) pain (?:will )?never (?:end|stop|go away)",
        ),
        (
            Concern.HOPELESS,
            "want-it-to-stop",
            r"(?:want|wanna|need|wish) (?:it all|everything|the pain|this pain|this feeling|life"
            r"|my life) to (?:just )?(?:end|stop|be over)",
        ),
        (
            Concern.HOPELESS,
            "no-way-out",
            rf"(?:dont|do not|cant|cannot) see (?:a|any) way out{END}"
            rf"|(?:theres|there is|i have|i see) no way out{END}"
            r"|no way out (?:but|except|other than)"
            rf"|nothing left for me(?: here| in this world| any ?more)?{END}",
        ),
        # goodbyes
        (
            Concern.GOODBYE,
            "last-message",
            r"(?:this is|this will be|these are|heres|here is|this is really) my (?:last|final"
            r"|very last) (?:message|msg|words|post|goodbye|text)(?! (?:to|for|on|about) "
            r"(?:them|the|this|that|him|her|a|an|my|hr|linkedin|recruiters?|company|hiring))",
        ),
        (
            Concern.GOODBYE,
            "goodbye-forever",
            r"(?:goodbye|good bye|bye|farewell) (?:forever|for good|cruel world|world"
            r"|to the world|to everything|to life|everyone forever)"
            r"|saying my (?:final |last )goodbyes?|(?:final|last) goodbye(?! to (?:my|the|this|that"
            r"|our|a|an|everyone at))",
        ),
        (
            Concern.GOODBYE,
            "wont-be-around",
            r"(?:wont|will not|not going to|not gonna) be (?:here|around|alive) (?:much longer"
            r"|for much longer|for long|any ?more)"
            r"|wont be alive|will not be alive",
        ),
        (
            Concern.GOODBYE,
            "by-the-time",
            r"by the time (?:you|anyone|someone|they|u) (?:read|reads|see|sees|get|gets|find"
            r"|finds) this",
        ),
        (
            Concern.GOODBYE,
            "giving-things-away",
            r"(?:giving|gave|give|given|started giving) away (?:all )?(?:of )?my (?:stuff|things"
            r"|belongings|possessions|pets?|cat|dog)"
            r"|(?:giving|gave|give|given) (?:all )?(?:of )?my (?:stuff|things|belongings"
            r"|possessions) away",
        ),
        (
            Concern.GOODBYE,
            "goodbye-note",
            rf"(?:writing|wrote|written|write|left|leaving|leave) (?:a|my) (?:goodbye|last|final)"
            rf" (?:note|letter)(?! to (?:my )?(?:team|colleagues|coworkers|boss|manager|company"
            rf"|clients|customers))"
            rf"|(?:please|pls|plz) (?:tell|let) my {FAMILY} (?:know )?(?:that )?i (?:love|loved)"
            rf"|(?:tell|let) my {FAMILY} (?:know )?(?:that )?(?:im|i am|i was) sorry",
        ),
    ),
)

# Figures of speech hidden before the rules run (each has a row in the "not a crisis" table).
EN_MASKS: Final = (
    rf"kill(?:s|ing|ed)? {ME} (?:laughing|laughin|lol|lmao|with laughter)",
    rf"killing {ME} (?:trying|working|studying|to (?:get|finish|meet|make|land|prepare"
    r"|keep up|hit|catch up|pass)|over (?:this|these|the|my|a|an) (?:application"
    r"|applications|cover letter|resume|cv|portfolio|take ?home|project|deadline|work"
    r"|interview|exam|test))",
    rf"killing {ME} (?:with|at|for) (?:work|applications|overtime|the gym|prep|practice"
    r"|this (?:job|search|project|role))",
    rf"(?:not|never|wont|wouldnt|would never|will never|not going to|not gonna|aint gonna)"
    rf" (?:going to |gonna )?(?:kill|hurt) {ME} over",
    rf"could (?:have |of )?(?:just )?kill(?:ed)? {ME} (?:for|when)",
    rf"(?:shoot|shot|shooting) {ME} in the foot",
    r"die (?:of|from|with) (?:embarrassment|shame|cringe|boredom|laughter|laughing|envy"
    r"|jealousy|curiosity|happiness|joy|excitement|anticipation)",
    r"die on (?:this|that|the|a) hill",
    r"die a little(?: bit)?(?: inside| every time| each time| when)?",
    rf"hang(?:ing|ed)? {ME} out to dry",
    r"dead (?:serious|set|last|center|centre)",  # not "dead tired" ("...dead, tired of it")
    r"(?:rather|sooner) (?:just )?die than(?! (?:live|living|go on|going on|keep (?:living|going)"
    r"|wake up|feel|be alive|exist|continue|carry on|face|be here|spend another day))",
    r"(?:would|id|to) die for(?! (?:real|sure|good|fr))",
    r"(?:dont|do not|didnt|never) (?:want|wanna) (?:to )?die",
    r"(?:not|never|wont|will not|not going to|refuse to|dont|do not|cant|can not) (?:be )?"
    r"(?:give|giving|gave) up on (?:myself|everything|life)",
    r"(?:makes|made|making|make) me (?:want to |wanna )?(?:lose|lost|losing) (?:the|my|all)"
    r" will to live",
    r"(?:not|never|wasnt|isnt|not feeling|not actually|not really) (?:been )?suicidal",
    rf"(?:career|professional|political|social|financial|reputational|commercial|brand"
    rf"|linkedin|job|corporate|fashion) {SUICIDE}",
    rf"{SUICIDE} (?:mission|squad|run|runs|drill|drills|sprint|sprints|burpees?|doors?"
    r"|shifts?|deadlines?|schedule|lane|knot|pass|bid|seat|prevention|awareness)",
    r"suicidal (?:deadline|schedule|pace|timeline|mission|workload|hours)",
    r"(?:team|company|project|department|startup|firm|employer|client|org|organization"
    r"|organisation|band|club) (?:is|was|will be|would be|d be|are|were|s)"
    r" (?:probably |honestly |clearly |obviously )?(?:better|happier) (?:off )?without me",
    rf"(?:hurting|harming|sabotaging|punishing) {ME} by (?:not|being|doing|applying|staying"
    r"|waiting|procrastinating|overthinking|comparing|dwelling|working|skipping|ignoring"
    r"|refusing|holding|saying|taking|avoiding|undervaluing|underselling|lowballing)",
    rf"cut(?:ing)? {ME} (?:some|a little|a bit of|any|more|extra) slack",
    rf"cut(?:ing)? {ME} off",
    rf"burn(?:ing|ed|t)? {ME} out",
    rf"(?:hurt|hurting|injured|injuring) {ME} (?:at (?:the )?(?:gym|work|practice|training"
    r"|office)|during (?:a |the |my )?(?:run|workout|game|match|race|move|training|practice)"
    r"|while (?:running|lifting|training|playing|moving|cooking|cycling)|playing|lifting"
    r"|running|training|in (?:the|a) (?:gym|game|match|race))",
)

# --- Spanish ----------------------------------------------------------------------------
# "no puedo más" / "não aguento mais" / "ich kann nicht mehr" / "больше не могу" are the
# "I can't take it anymore" of each language: venting, flagged only with "to live".
# Rules are written without accents (the text loses them too); "ll", "rr", "ss", "нн" are
# squeezed like any repeated letter, on both sides.

ES_INTENT = (
    r"(?:quiero|kiero|quisiera|voy a|pienso en|pensando en|pense en|ganas de|deseo|necesito"
    r"|tengo ganas de|me dan ganas de|he pensado en|estoy pensando en|planeo|decidi)"
)

ES: Final = _rules(
    "es",
    (
        (
            Concern.DIRECT,
            "matarme",
            rf"{ES_INTENT} (?:matarme|suicidarme|quitarme la vida)"
            r"|me (?:voy a|quiero|kiero|pienso) (?:matar|suicidar)|suicidarme",
        ),
        (
            Concern.DIRECT,
            "quiero-morir",
            r"(?:quiero|kiero|quisiera|deseo|prefiero|solo quiero|me quiero|necesito)"
            r" (?:morir|morirme|estar muerto|estar muerta|dejar de existir)(?! (?:de|por))",
        ),
        (
            Concern.DIRECT,
            "acabar-con-mi-vida",
            r"(?:acabar|terminar|quitarme|poner fin a) (?:con )?(?:mi|la) (?:propia )?vida"
            r"(?! (?:laboral|profesional|en|de))",
        ),
        (Concern.DIRECT, "suicidio", r"suicidio|suicida|suicidarme|pensamientos suicidas"),
        (
            Concern.SELF_HARM,
            "hacerme-dano",
            r"(?:quiero|voy a|necesito|ganas de|tengo ganas de) (?:hacerme dano|lastimarme|herirme"
            r"|castigarme|cortarme(?! (?:el|la|los|las|un|una|mi|mis|con)))"
            r"|(?:cortarme|me corto|me corte|me sigo cortando) las venas"
            r"|(?:volvi a|sigo|he vuelto a) (?:cortarme|hacerme dano|lastimarme)(?! (?:el|la|los"
            r"|las|un|una|mi|mis|con|en))"
            r"|autolesion\w*|merezco (?:sufrir|el dolor|dolor|que me duela)",
        ),
        (
            Concern.PASSIVE,
            "no-quiero-vivir",
            r"no (?:quiero|kiero) (?:seguir )?(?:vivir|viviendo|existir|despertar)"
            r"(?! (?:en|con|aqui|alli|ahi|asi|temprano|tan|de|a))"
            r"|no (?:quiero|kiero) (?:estar|seguir) (?:vivo|viva|en este mundo)"
            r"|ojala (?:me muera|me muriera|estuviera muert[oa]|no despertar(?:a)?|no existiera"
            r"|no hubiera nacido)",
        ),
        (
            Concern.PASSIVE,
            "razon-para-vivir",
            r"(?:ninguna|sin|no tengo|no hay|no tengo ninguna|no encuentro) (?:razon|razones|motivo"
            r"|motivos) para (?:vivir|seguir viviendo)"
            r"|(?:nada|no tengo nada) por (?:lo )?que vivir|no tengo ganas de vivir",
        ),
        (
            Concern.BURDEN,
            "mejor-sin-mi",
            r"(?:mejor|mejores|estarian mejor|estaria mejor|estarias mejor) sin mi"
            r"|(?:soy|solo soy|me siento) (?:una carga|un estorbo)",
        ),
        (
            Concern.HOPELESS,
            "no-puedo-seguir",
            r"no puedo (?:mas con (?:la|mi) vida|seguir viviendo|seguir(?= ?(?:\.|$|asi)))",
        ),
        (
            Concern.HOPELESS,
            "nada-tiene-sentido",
            r"nada tiene sentido|(?:la vida|vivir|mi vida) (?:ya )?no tiene (?:ningun )?sentido"
            rf"|(?:he perdido|perdi) (?:toda )?(?:la )?esperanza{END}"
            rf"|no (?:veo|hay) (?:ninguna )?salida{END}|me rindo con todo",
        ),
        (
            Concern.GOODBYE,
            "ultimo-mensaje",
            r"(?:este|esta) (?:es|sera) mi ultimo mensaje(?! (?:a|al|para) )"
            r"|adios para siempre|me despido para siempre|adios (?:a todos )?para siempre"
            r"|(?:para )?cuando (?:leas|lean) esto"
            r"|(?:estoy regalando|regale) (?:todas )?mis cosas",
        ),
    ),
)
ES_MASKS: Final = (
    r"(?:me muero|morir|morirme|muriendo) (?:de|por) (?:ganas|verguenza|risa|la risa|hambre"
    r"|sueno|envidia|nervios|curiosidad|aburrimiento|saber)",
    r"suicidio (?:profesional|laboral|politico|social)|(?:prevencion|prevenir) del suicidio",
    r"(?:va|van|vas) a matarme|me (?:va|van) a matar|me (?:esta |estan )?mata(?:ndo|n)?",
    r"(?:matarme|me mato|me voy a matar|me quiero matar|me estoy matando) (?:estudiando"
    r"|trabajando|preparando"
    r"|a estudiar|a trabajar|por (?:este|ese|el|la|un|una) (?:trabajo|puesto|entrevista"
    r"|empleo))",
    r"(?:prefiero|preferiria) morir(?:me)? antes (?:que|de)(?! (?:seguir|vivir))",
    r"(?:no quiero|no voy a) (?:morir|morirme|matarme)",
    r"(?:empresa|equipo|proyecto|departamento|jefe) (?:estaria|estara|esta|estaran)"
    r" (?:mejor|mejores) sin mi",
    r"no (?:soy|estoy) suicida",
)

# --- Portuguese -------------------------------------------------------------------------

PT: Final = _rules(
    "pt",
    (
        (
            Concern.DIRECT,
            "me-matar",
            r"(?:quero|vou|queria|penso em|pensando em|pensei em|vontade de|preciso|to pensando em"
            r"|estou pensando em|decidi) (?:me matar|me suicidar|tirar a minha vida)"
            r"|me suicidar|suicidar me",
        ),
        (
            Concern.DIRECT,
            "quero-morrer",
            r"(?:quero|queria|prefiro|so quero|eu so queria) (?:morrer|estar morto|estar morta"
            r"|deixar de existir)(?! (?:de|por))",
        ),
        (
            Concern.DIRECT,
            "acabar-com-a-vida",
            r"(?:acabar|tirar|terminar|por fim a) (?:com )?(?:a )?minha (?:propria )?vida"
            r"(?! (?:profissional|em|de))",
        ),
        (Concern.DIRECT, "suicidio", r"suicidio|suicida|pensamentos suicidas"),
        (
            Concern.SELF_HARM,
            "me-machucar",
            r"(?:quero|vou|preciso|vontade de) me (?:machucar|cortar|ferir|punir)(?! (?:o|a|os|as"
            r"|com|no|na))"
            r"|(?:me cortei|voltei a me cortar|tenho me cortado|estou me cortando)(?! (?:o|a|os"
            r"|as|com|no|na|cozinhando|fazendo))"
            r"|automutila\w*|autolesao|(?:mereco|eu mereco) (?:sofrer|a dor|dor)",
        ),
        (
            Concern.PASSIVE,
            "nao-quero-viver",
            r"nao (?:quero|aguento|consigo) (?:mais )?(?:viver|existir|acordar)"
            r"(?! (?:em|com|aqui|ali|assim|cedo|de|no|na|a))"
            r"|(?:queria|quisera) (?:nao ter nascido|dormir e nao acordar(?: mais)?)"
            r"|nao quero (?:mais )?estar (?:viv[oa]|neste mundo)",
        ),
        (
            Concern.PASSIVE,
            "motivo-para-viver",
            r"(?:nenhum|sem|nao tenho|nao ha|nao tenho nenhum) (?:motivo|motivos|razao|razoes)"
            r" (?:para|pra) (?:viver|continuar vivendo)"
            r"|nao tenho (?:mais )?(?:vontade|razao) de viver",
        ),
        (
            Concern.BURDEN,
            "melhor-sem-mim",
            r"melhor(?:es)? sem mim|(?:sou|so sou|me sinto) (?:um|uma) (?:peso|fardo)",
        ),
        (
            Concern.HOPELESS,
            "nada-faz-sentido",
            r"nada (?:mais )?faz sentido|a vida (?:nao|ja nao) faz (?:mais )?sentido"
            rf"|perdi (?:toda )?(?:a )?(?:esperanca|vontade de viver){END}"
            rf"|nao vejo (?:mais )?(?:nenhuma )?saida{END}"
            rf"|desist\w* de (?:tudo|viver|da vida){END}",
        ),
        (
            Concern.GOODBYE,
            "ultima-mensagem",
            r"(?:esta|essa) (?:e|sera) (?:a )?minha ultima mensagem(?! (?:para|pra|ao|a) )"
            r"|adeus para sempre|(?:adeus|tchau) (?:a todos )?para sempre"
            r"|quando (?:voce|voces|vc|vcs) (?:ler|lerem) isso"
            r"|(?:estou dando|dei) (?:todas )?as minhas coisas",
        ),
    ),
)
PT_MASKS: Final = (
    r"(?:morrer|morrendo|morri) (?:de|por) (?:vergonha|rir|rir|fome|sono|vontade|inveja"
    r"|curiosidade|tedio|saudade|ansiedade)",
    r"suicidio (?:profissional|politico|social|de carreira)|prevencao (?:ao|do) suicidio",
    r"(?:vai|vao) (?:acabar )?me matar|(?:esta|ta|estao) me matando",
    r"me matar (?:de|para|pra) (?:estudar|trabalhar|rir|conseguir)",
    r"(?:prefiro|preferia) morrer (?:do que|a)(?! (?:viver|continuar))",
    r"(?:nao quero|nao vou) (?:morrer|me matar)",
    r"(?:empresa|equipe|time|projeto|chefe) (?:fica|ficaria|esta|estaria|vai ficar) melhor"
    r" sem mim",
    r"nao (?:sou|estou) suicida",
)

# --- German -----------------------------------------------------------------------------

DE: Final = _rules(
    "de",
    (
        (
            Concern.DIRECT,
            "umbringen",
            r"(?:mich|mir) (?:selbst |selber |einfach )?(?:umbringen|toten|das leben nehmen)"
            r"|bringe mich (?:einfach |heute )?um(?! (?:den|die|das|meinen|meine|mein|jede"
            r"|jeden))|mich umzubringen|mir das leben zu nehmen",
        ),
        (
            Concern.DIRECT,
            "sterben-wollen",
            r"(?:will|mochte|wurde gern|wurde gerne|wurde lieber|will einfach nur|mochte einfach)"
            r" (?:einfach )?(?:sterben|tot sein)",
        ),
        (
            Concern.DIRECT,
            "suizid",
            r"suizid\w*|selbstmord\w*|(?:mich|mir) (?:selbst )?(?:etwas|was) antun",
        ),
        (
            Concern.SELF_HARM,
            "ritzen",
            r"(?:mich|wieder) ritzen|ritze mich|(?:will|mochte|muss) mir (?:selbst )?weh tun"
            r"|mir selbst weh tun|selbstverletz\w*|verdiene (?:es )?(?:zu leiden|schmerzen)",
        ),
        (
            Concern.PASSIVE,
            "nicht-mehr-leben",
            r"(?:will|mochte) nicht mehr (?:leben|aufwachen|da sein|existieren)"
            r"(?! (?:in|mit|hier|so|bei|fur))"
            r"|(?:wunschte|wunsche mir|wunschte mir)(?: ich)? (?:ware|waere) tot"
            r"|ware (?:lieber )?nie geboren|wache hoffentlich nicht mehr auf",
        ),
        (
            Concern.PASSIVE,
            "kein-grund",
            r"kein(?:en)? grund (?:mehr )?(?:zu leben|weiterzuleben)|wofur (?:noch )?leben",
        ),
        (
            Concern.BURDEN,
            "besser-ohne-mich",
            r"besser (?:dran )?ohne mich|(?:bin|nur|bin nur) eine last|falle (?:allen|jedem)"
            r" (?:nur )?zur last",
        ),
        (Concern.HOPELESS, "kann-nicht-mehr-leben", r"kann nicht mehr leben|kann so nicht leben"),
        (
            Concern.HOPELESS,
            "sinnlos",
            r"(?:alles|das leben|mein leben) (?:ist )?(?:so )?sinnlos"
            rf"|(?:es|das|alles|das leben|mein leben) hat (?:alles )?keinen sinn mehr{END}"
            rf"|(?:ich )?sehe keinen ausweg{END}|(?:habe|hab) (?:jede|alle) hoffnung verloren{END}",
        ),
        (
            Concern.GOODBYE,
            "letzte-nachricht",
            r"(?:das|dies) ist meine letzte nachricht(?! an)|lebt wohl fur immer"
            r"|(?:wenn|bis) (?:du|ihr) (?:das|dies) (?:liest|lest)"
            r"|(?:verschenke|habe verschenkt) (?:all )?meine sachen",
        ),
    ),
)
DE_MASKS: Final = (
    r"(?:beruflicher|politischer|sozialer|finanzieller|karriere) ?(?:selbstmord|suizid)",
    r"(?:selbstmord|suizid) ?(?:kommando|mission|pravention)",
    r"(?:lieber|eher) sterben als(?! (?:so )?(?:weiter ?(?:leben|zu leben|machen)|leben))",
    r"(?:bringt|bringen|bringst) mich (?:noch |echt |wirklich |langsam |irgendwann )*um",
    r"(?:wird|werden|wurde|wurden|kann|konnen) mich (?:noch |echt |irgendwann )*umbringen",
    r"(?:konnte|konnt) mich (?:selbst )?(?:dafur )?(?:umbringen|ohrfeigen) (?:dass|weil|fur"
    r"|wenn)",
    r"(?:sterbe|sterben|gestorben|sterb) vor (?:scham|langeweile|lachen|neugier|angst|hunger)",
    r"(?:will|mochte) nicht sterben",
    r"(?:firma|team|projekt|unternehmen|abteilung|chef) (?:ist|ware|wird|war)"
    r" (?:wohl |ehrlich gesagt |sicher )?besser (?:dran )?ohne mich",
    r"nicht suizidal|nicht selbstmordgefahrdet",
)

# --- Russian ----------------------------------------------------------------------------
# "й" and "ё" read as "и" and "е" on both sides (accents off); write either.

RU: Final = _rules(
    "ru",
    (
        (
            Concern.DIRECT,
            "ubit-sebya",
            r"(?:убить|убью|убиваю) себя|покончить с (?:собой|жизнью)|покончу с собой"
            r"|самоубийств\w*|суицид\w*|(?:хочу|хочется|пора|собираюсь) (?:выпилиться|убиться"
            r"|уйти из жизни|наложить на себя руки)|выпилюсь|наложу на себя руки",
        ),
        (
            Concern.DIRECT,
            "hochu-umeret",
            r"(?:хочу|хочется|хотелось бы|я хочу|просто хочу) (?:просто )?"
            r"(?:умереть|сдохнуть|не жить|не существовать|исчезнуть навсегда)",
        ),
        (
            Concern.SELF_HARM,
            "porezat",
            r"(?:порезать|резать|навредить|наказать) себ[еяи](?! (?:палец|руку ножом))"
            r"|причинить себе боль|селфхарм|самоповрежд\w*|(?:снова|опять)? ?режу (?:себя|руки)"
            r"|заслуживаю (?:боли|страдать|страданий)",
        ),
        (
            Concern.PASSIVE,
            "ne-hochu-zhit",
            r"не хочу (?:больше )?(?:жить|существовать|просыпаться)"
            r"(?! (?:в|во|на|с|со|у|под|рядом|здесь|тут|там|вместе|рано|так рано))"
            r"|лучше бы я (?:умер|умерла|не родился|не родилась|не просыпался|не просыпалась)",
        ),
        (
            Concern.PASSIVE,
            "net-smysla-zhit",
            r"(?:нет смысла|незачем|не для чего|не ради чего) (?:больше )?жить"
            r"(?! (?:в|во|на|с|здесь|тут|там))",
        ),
        (
            Concern.BURDEN,
            "luchshe-bez-menya",
            r"(?:лучше|легче) без меня|я (?:только |просто |для всех )?обуза",
        ),
        (
            Concern.HOPELESS,
            "ne-mogu-zhit",
            r"больше не могу жить|не могу так (?:больше )?жить|вс[её] бессмысленно"
            rf"|не вижу (?:никакого )?выхода{END}|(?:жизнь|вс[её]) не имеет смысла{END}"
            rf"|потерял(?:а)? (?:всякую )?надежду{END}",
        ),
        (
            Concern.GOODBYE,
            "poslednee-soobshchenie",
            r"это мо[её] последнее сообщение(?! (?:для|им|ему|ей|в|на))|прощайте навсегда"
            r"|прощай мир|когда (?:вы|ты) (?:это )?прочита\w* (?:это )?меня (?:уже )?не будет"
            r"|раздаю (?:все )?свои вещи",
        ),
    ),
)
RU_MASKS: Final = (
    r"(?:умереть|умираю|умру|умерла|умер|сдохнуть|сдохну|помереть) (?:от|со) (?:стыда"
    r"|смеха|скуки|любопытства|голода|страха|зависти)",
    r"убиться (?:об|о|ап|апстену) ?(?:стену|стенку|стол|стенку)|хоть убейся",
    r"(?:карьерное|профессиональное|политическое|социальное) (?:самоубийство|суицид)"
    r"|(?:карьерный|профессиональный) суицид|самоубийство для карьеры"
    r"|профилактик\w* (?:суицида|самоубийств)",
    r"(?:не хочу|не собираюсь) (?:умирать|умереть|убивать себя)",
    r"(?:команде|компании|проекту|отделу|начальнику) (?:будет |было бы |станет )?(?:лучше"
    r"|легче) без меня",
    r"(?:у меня |я )?нет суицидальных",
)

RULES: Final = (*EN, *ES, *PT, *DE, *RU)
_ORDER: Final = tuple(Concern)
MASKS: Final = (*EN_MASKS, *ES_MASKS, *PT_MASKS, *DE_MASKS, *RU_MASKS)


@cache
def _compiled() -> tuple[re.Pattern[str], tuple[tuple[_Rule, re.Pattern[str]], ...]]:
    """The masks and the rules (gravest first), compiled on the first message, then kept:
    importing this module costs nothing at start-up (compiling takes 50-170 ms)."""
    by_gravity = sorted(RULES, key=lambda r: _ORDER.index(r.concern))
    return compile_any(MASKS), tuple((rule, compile_phrase(rule.source)) for rule in by_gravity)


def assess(text: str) -> Distress | None:
    """The gravest rule the message matches, or None. Never log the text."""
    mask, rules = _compiled()
    read = mask.sub(" # ", normalise(text))
    for rule, pattern in rules:
        if pattern.search(read):
            return Distress(rule.concern, rule.name, rule.language)
    return None


def suggests_self_harm(text: str) -> bool:
    """True when the message reads as distress (any category): answer with care first."""
    return assess(text) is not None


def keyed_user_hash(user_id: int, key: bytes) -> str:
    """A stable pseudonym for logs: HMAC-SHA256 of the user id under ``key``, 16 hex digits.

    With a secret key, a log line can be correlated with other lines about the same person
    without naming them; without the key, the id cannot be found by trying ids.
    """
    if not key:
        raise ValueError("keyed_user_hash needs a non-empty secret key")
    return hmac.new(key, str(user_id).encode("ascii"), hashlib.sha256).hexdigest()[:16]
