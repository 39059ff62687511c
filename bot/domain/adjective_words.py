"""Adjectives people use to describe a colleague, correctly spelled: when givers spell one
adjective differently, a spelling found here is shown (:func:`bot.domain.feedback.
rank_adjectives`). A short list in the package itself, so every install has the same one.
Written as keys: lower case, no spaces or hyphens ("hardworking" for "hard-working")."""

from __future__ import annotations

from typing import Final

_WORDS = """
    able accurate accountable active adaptable adventurous affable agile ambitious amiable
    analytical approachable articulate assertive astute attentive authentic autonomous
    balanced bold brave bright brilliant calm candid capable careful caring charismatic
    charming cheerful clear clever collaborative committed communicative compassionate
    competent competitive composed confident conscientious considerate consistent
    constructive cooperative courageous courteous creative credible curious decisive
    dedicated deliberate dependable detailed determined devoted diligent diplomatic
    direct disciplined driven dynamic eager earnest easygoing effective efficient eloquent
    empathetic empathic encouraging energetic engaged enthusiastic entrepreneurial ethical
    experienced expert fair faithful fast flexible focused forgiving frank friendly fun funny
    generous genuine gentle goaloriented good gracious grounded hardworking
    helpful honest hopeful humble humorous imaginative impartial independent industrious
    influential ingenious innovative insightful inspiring intelligent intuitive inventive
    kind knowledgeable logical loyal mature methodical meticulous mindful modest motivated
    motivating nice objective observant open openminded optimistic orderly
    organized original outgoing passionate patient perceptive persistent personable
    persuasive polite positive practical pragmatic precise proactive productive professional
    prompt punctual quick rational realistic reasonable reflective relaxed reliable
    resilient resourceful respectful responsible responsive resultoriented
    savvy selfmotivated selfless sensible sensitive serious sharp sincere skilled skillful
    smart sociable solid steady strategic strong structured supportive systematic tactful
    talented tenacious thorough thoughtful tidy tireless tolerant trusted trustworthy
    truthful understanding unflappable upbeat versatile visionary warm welcoming willing
    wise witty
    """
ADJECTIVES: Final = frozenset(_WORDS.split())
