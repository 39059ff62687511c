"""Where the dashboard is served: on the webhook's own server in webhook mode (one host and
port), from `comeback demo` on 127.0.0.1; and the charts it draws."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote

import aiohttp

from bot.app import build_application
from bot.clock import FrozenClock
from bot.devtools import demo as demo_module
from bot.devtools.emulator import BotApiEmulator
from bot.ops.runner import running
from bot.web import auth, charts
from tests.harness import START, TOKEN, make_settings
from tests.web.conftest import free_port

SECRET = "webhook-secret-for-the-test"


async def test_webhook_and_dashboard_share_one_server(emu: BotApiEmulator, tmp_path: Path) -> None:
    port = free_port()
    settings = make_settings(
        emu,
        tmp_path / "c.sqlite3",
        webhook_url="https://bot.example.org/telegram/hook",
        webapp_url="https://bot.example.org/app",
        listen_port=port,
    )
    app = build_application(settings, clock=FrozenClock(START))
    wes = emu.user("Wes")
    message = await wes.send("/help")
    base = f"http://127.0.0.1:{port}"
    async with running(app, webhook=(settings, SECRET)), aiohttp.ClientSession() as http:
        async with http.get(base + "/app/") as page:
            assert page.status == 200
            assert 'src="/app/app.js"' in await page.text()
        async with http.get(base + "/app/api/summary") as refused:
            assert refused.status == 401
        # Wes has written (the update below), so the page knows him once it is handled.
        update = {"update_id": 900_001, "message": message}
        async with http.post(base + "/telegram/hook", json=update) as denied:
            assert denied.status == 403
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with http.post(base + "/telegram/hook", json=update, headers=headers) as ok:
            assert ok.status == 200
        assert "Comeback helps you" in ((await wes.expect_message()).text or "")
        init_data = auth.init_data_for(wes.id, "Wes", "en", START, TOKEN)
        headers = {"Authorization": f"tma {init_data}"}
        async with http.get(base + "/app/api/summary", headers=headers) as summary:
            assert summary.status == 200
            assert (await summary.json())["name"] == "Wes"
    assert emu.webhook["url"] == "https://bot.example.org/telegram/hook"


async def test_demo_prints_a_signed_local_address(tmp_path: Path) -> None:
    import io

    from bot.config import Settings

    out = io.StringIO()
    code = await demo_module.run_demo(
        Settings(_env_file=None),  # type: ignore[call-arg]
        build_application,
        folder=tmp_path / "demo",
        name="Sam",
        stdin=io.StringIO("/start\n:dashboard\n"),
        out=out,
    )
    assert code == 0
    text = out.getvalue()
    found = re.findall(r"http://127\.0\.0\.1:(\d+)/dashboard/#tgWebAppData=([^\s)]+)", text)
    assert len(found) == 1
    init_data = unquote(found[-1][1])
    fields = auth.parse(init_data)
    now = datetime.now(UTC)  # the demo's clock starts at the real time
    issued = auth.verify(init_data, demo_module.DEMO_TOKEN, now, timedelta(hours=1))
    assert issued.first_name == "Sam" and '"id"' in fields["user"]


def test_charts_escape_labels_and_scale() -> None:
    drawn = charts.weekly(
        [[0, 2, 4], [1, 0, 0]], ["<b>no</b>s", "plans"], ["1 Nov", "8 Nov", "15 Nov"]
    )
    assert "<b>" not in drawn and "&lt;b&gt;no&lt;/b&gt;s" in drawn
    assert drawn.count('<rect class="s0"') == 2 + 1  # two bars and the legend's square
    assert drawn.count('<rect class="s1"') == 1 + 1
    trend = charts.trend([(5, 3), (4, None), (3, 1)], "before", "after")
    assert trend.count('<circle class="s0"') == 3 and trend.count('<circle class="s1"') == 2
    assert charts.trend([(4, None)], "before", "after").count("<polyline") == 0
