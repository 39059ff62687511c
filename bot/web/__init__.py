"""The dashboard: a Telegram Mini App served by the bot's own web server.

``auth`` checks who is asking (Telegram's signed initData), ``summary`` gathers what a person
sees (their data only, in their language and zone), ``charts`` draws it as SVG, ``server``
answers the page, its files and its API.
"""
