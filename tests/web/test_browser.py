"""The dashboard in a real browser: Debian's chromium, driven by Playwright (no browser
download). The page opens with a signed #tgWebAppData as Telegram would open it (Telegram's
own script can't load here: nothing leaves 127.0.0.1), shows the person's entries, marks a
plan done, answers "did it happen?", and the chat sees it. Saves docs/dashboard.png (light)
and docs/dashboard-dark.png, and prints the page weight, the time to first render and the
API requests per page view (measured, never asserted).

Runs in CI (``CI=true``), which installs chromium (.ci/run); elsewhere it is skipped only
when chromium or Playwright is missing.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from bot.devtools.client import UserClient
from bot.storage import entries
from bot.ui import texts
from tests.harness import BotHarness
from tests.web.conftest import Page
from tests.web.story import tell

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DOCS = Path(__file__).resolve().parents[2] / "docs"
DARK = {
    "bg_color": "#17212b",
    "text_color": "#f5f5f5",
    "hint_color": "#708499",
    "button_color": "#5288c1",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#232e3c",
}

try:
    from playwright.async_api import Browser, Route, async_playwright
except ImportError:  # pragma: no cover - only without the dev extras
    async_playwright = None  # type: ignore[assignment]


def _missing() -> str | None:
    if async_playwright is None:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


if (reason := _missing()) is not None:
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"CI must run the browser test, but {reason}")
    pytest.skip(reason, allow_module_level=True)


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=ARGS, headless=True
        )
        try:
            yield launched
        finally:
            await launched.close()


async def _local_only(route: Route) -> None:
    """Nothing but the bot's own server: Telegram's script (and anything else) is refused."""
    if urlsplit(route.request.url).hostname == "127.0.0.1":
        await route.continue_()
    else:
        await route.abort()


async def _open(browser: Browser, address: str, dark: bool = False) -> tuple[Any, dict[str, int]]:
    context = await browser.new_context(
        viewport={"width": 360, "height": 780},
        device_scale_factor=2,
        color_scheme="dark" if dark else "light",
    )
    tab = await context.new_page()
    await tab.route("**/*", _local_only)
    weight: dict[str, int] = {}

    async def measure(response: Any) -> None:
        if urlsplit(response.url).hostname == "127.0.0.1":
            weight[urlsplit(response.url).path] = len(await response.body())

    tab.on("response", measure)
    await tab.goto(address)
    await tab.wait_for_selector("main[aria-busy=false]")
    return tab, weight


async def test_dashboard_in_chromium(
    bot: BotHarness, page: Page, alice: UserClient, browser: Any
) -> None:
    plan = await tell(bot, alice)
    tab, weight = await _open(browser, page.address(alice))
    body = await tab.inner_text("main")
    for seen in (
        "Your comeback",
        "A “no” is about one role on one day, not about me.",
        "Tell my projects as stories",
        "Globex, data analyst",
        "Two recruiter calls booked",
        "If I rework my CV summary, then it gets replies.",
        "landed 4/5, then 2/5",
    ):
        assert seen in body, seen
    assert await tab.locator("section svg").count() == 2
    rendered = await tab.evaluate("window.comebackDashboard")
    DOCS.mkdir(exist_ok=True)
    await tab.screenshot(path=str(DOCS / "dashboard.png"), full_page=True)
    total = sum(weight.values())
    print(
        f"\ndashboard: page weight {total / 1024:.1f} KB "
        f"({', '.join(f'{p} {n / 1024:.1f} KB' for p, n in sorted(weight.items()))}); "
        f"first render {rendered['firstRenderMs']} ms after navigation start; "
        f"API requests per page view: {rendered['requests']}"
    )

    # Done, on the plan still open: then "Did … happen?" inline, as in the chat.
    card = tab.locator(f".plan[data-plan-id='{plan.id}']")
    await card.get_by_role("button", name=texts.BUTTON_DONE).click()
    await tab.get_by_text(texts.DASHBOARD_PAGE["plan_done"]).wait_for()
    question = tab.locator(".outcome")
    assert "Did “It gets replies” happen?" in await question.inner_text()
    await question.get_by_role("button", name=texts.BUTTON_OUTCOME_YES).click()
    logged = tab.locator(".outcome").get_by_role("button", name=texts.BUTTON_LOG_WIN)
    await logged.click()
    await tab.get_by_text("🏆 Logged as a win: It gets replies").wait_for()
    assert await tab.locator(f".plan[data-plan-id='{plan.id}']").count() == 0

    closed = await entries.get_plan(bot.svc.db, alice.id, plan.id)
    assert closed is not None and (closed.status, closed.outcome) == ("done", "yes")
    await alice.send("/plans")  # the chat lists only the other open plan now
    assert (await alice.expect_message()).html == texts.PLANS_HEADER.format(count=1)
    assert "practise SQL" in ((await alice.expect_message()).text or "")
    await alice.expect_no_message()
    await tab.context.close()


async def test_dark_theme_and_not_yet(
    bot: BotHarness, page: Page, alice: UserClient, browser: Any
) -> None:
    plan = await tell(bot, alice)
    theme = quote(json.dumps(DARK), safe="")
    tab, _ = await _open(browser, page.address(alice) + f"&tgWebAppThemeParams={theme}", dark=True)
    background = await tab.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(23, 33, 43)"
    await tab.screenshot(path=str(DOCS / "dashboard-dark.png"))
    card = tab.locator(f".plan[data-plan-id='{plan.id}']")
    await card.get_by_role("button", name=texts.BUTTON_NOT_YET).click()
    await card.get_by_text(texts.DASHBOARD_PAGE["pick_day"]).wait_for()
    await card.locator(".days button").nth(1).click()
    await tab.get_by_text("Moved. I'll ask you on ").wait_for()
    moved = await entries.get_plan(bot.svc.db, alice.id, plan.id)
    assert moved is not None and moved.status == "open" and moved.follow_up_due is not None
    await tab.context.close()


async def test_without_sign_in_data_it_says_where_to_open_it(page: Page, browser: Any) -> None:
    tab, _ = await _open(browser, page.url + "/")
    assert await tab.inner_text("main") == texts.DASHBOARD_UNAUTHORIZED
    await tab.context.close()
