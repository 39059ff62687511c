"""Comeback: a Telegram bot that helps job seekers face rejection and keep going."""

__version__ = "0.1.0"
