import time
from bot.devtools.emulator import BotApiEmulator
from tests.harness import BotHarness
from tests.ops import test_bad_input as t

async def test_dbg(bot: BotHarness, emu: BotApiEmulator) -> None:
    u = emu.user("X")
    for a in [("command", "/checkin"), ("text", ""), ("media", "sticker"), ("press", 3), ("command", "/cancel"), ("command", "/help")]:
        s = time.monotonic()
        await t._do(bot, emu, u, a)
        print(a, round(time.monotonic() - s, 2), t.FIRST_UPDATE_ID, emu._next_update_id, bot.app.bot_data.get("_processed"))
