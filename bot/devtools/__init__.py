"""Developer tools: a local Telegram Bot API emulator (tests, benchmarks, demo) and its
user-side client. Nothing here runs in production."""
