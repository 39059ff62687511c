"""The dashboard's routes on the bot's own aiohttp server, at the path of WEBAPP_URL.

    GET  <path>/                 the page (index.html), and app.js, app.css beside it
    GET  <path>/api/summary      everything the page shows (bot/web/summary.py)
    POST <path>/api/plans/<id>   Done / Drop / a new day / "did it happen?", as the chat's
                                 plan buttons do, answered with the new summary

Every API request carries the Mini App's initData as ``Authorization: tma <initData>``;
it is checked as Telegram documents (bot/web/auth.py) and answers 401 otherwise. Every
query is made with the verified user id. In webhook mode the routes are added to the
webhook server (bot/ops/webhook.py: one host and port); in polling mode
:class:`DashboardServer` serves them alone.
"""

from __future__ import annotations

import json
import logging
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from bot.domain import plans as plan_rules
from bot.domain.due import local_now
from bot.services import Services
from bot.storage import entries
from bot.ui import texts
from bot.ui.dates import day_label, follow_up_when
from bot.ui.i18n import negotiate, use_language
from bot.web import auth, summary
from bot.web.summary import Person

__all__ = ["STATIC", "Dashboard", "DashboardServer", "base_path"]

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
FILES = {"app.js": "text/javascript", "app.css": "text/css"}
MAX_BODY_BYTES = 4096
HEADERS = {
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # Only this server and Telegram's own script; the charts are inline SVG.
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self' https://telegram.org; style-src 'self'; "
        "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'"
    ),
}


def base_path(webapp_url: str) -> str:
    """The path the page is served at: the path of WEBAPP_URL ("" for the root)."""
    path = urlsplit(webapp_url).path.strip("/")
    return "/" + path if path else ""


class Dashboard:
    """The page and its API for one bot; :meth:`add_routes` puts them on a web app."""

    def __init__(self, svc: Services) -> None:
        self.svc = svc
        self.base = base_path(svc.settings.webapp_url)
        self.token = svc.settings.require_token()
        self.max_age = timedelta(hours=svc.settings.webapp_max_age_hours)
        index = (STATIC / "index.html").read_text(encoding="utf-8")
        self.files: dict[str, tuple[bytes, str]] = {
            "": (index.replace("{{base}}", self.base).encode(), "text/html"),
            **{
                name: ((STATIC / name).read_bytes(), content_type)
                for name, content_type in FILES.items()
            },
        }

    def add_routes(self, app: web.Application) -> None:
        base = self.base
        app.router.add_get(base + "/", self._file)
        if base:
            app.router.add_get(base, self._file)
        app.router.add_get(base + "/{name:app\\.(?:js|css)}", self._file)
        app.router.add_get(base + "/api/summary", self._summary)
        app.router.add_post(base + r"/api/plans/{plan_id:\d{1,18}}", self._plan)

    # -- the page -------------------------------------------------------------------------
    async def _file(self, request: web.Request) -> web.Response:
        body, content_type = self.files[request.match_info.get("name", "")]
        return web.Response(body=body, content_type=content_type, headers=HEADERS)

    # -- who is asking -----------------------------------------------------------------------
    def _refuse(self, request: web.Request, reason: str) -> web.Response:
        log.info("dashboard request refused: %s", reason)
        tag = request.headers.get("Accept-Language", "").split(",")[0].split(";")[0].strip()
        with use_language(negotiate(tag or None)):
            message = texts.DASHBOARD_UNAUTHORIZED
        return web.json_response({"message": message}, status=401, headers=HEADERS)

    async def _person(self, request: web.Request) -> Person | web.Response:
        scheme, _, init_data = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "tma":
            return self._refuse(request, "no initData")
        try:
            user = auth.verify(init_data.strip(), self.token, self.svc.clock.now(), self.max_age)
        except auth.InitDataError as exc:
            return self._refuse(request, str(exc))
        found = await summary.person(self.svc.db, user.id, self.svc.clock.now())
        if found is None:  # signed by Telegram, but never talked to the bot
            return self._refuse(request, f"unknown user_id={user.id}")
        return found

    # -- the API -----------------------------------------------------------------------------
    async def _summary(self, request: web.Request) -> web.Response:
        who = await self._person(request)
        if isinstance(who, web.Response):
            return who
        with use_language(summary.language_of(who.user)):
            data = await summary.summary(self.svc.db, who)
        log.info("dashboard summary user_id=%s", who.user.user_id)
        return web.json_response(data, headers=HEADERS)

    async def _plan(self, request: web.Request) -> web.Response:
        who = await self._person(request)
        if isinstance(who, web.Response):
            return who
        plan_id = int(request.match_info["plan_id"])
        with use_language(summary.language_of(who.user)):
            try:
                if (request.content_length or 0) > MAX_BODY_BYTES:
                    raise ValueError("body too large")
                body = json.loads(await request.read())
                if not isinstance(body, dict):
                    raise ValueError("not an object")
                status, answer = await self._act(who, plan_id, body)
            except (ValueError, UnicodeDecodeError):
                status, answer = 400, {"message": texts.DASHBOARD_PAGE["error"]}
            answer["summary"] = await summary.summary(self.svc.db, who)
        return web.json_response(answer, status=status, headers=HEADERS)

    async def _act(
        self, who: Person, plan_id: int, body: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        """One tap, as the chat's plan buttons do it (bot/flows/plans.py)."""
        db, now, user_id = self.svc.db, self.svc.clock.now(), who.user.user_id
        page = texts.DASHBOARD_PAGE
        action = body.get("action")
        plan = await entries.get_plan(db, user_id, plan_id)
        if plan is None:
            return 404, {"message": texts.PLAN_GONE}
        if action in ("yes", "not_yet", "no", "win"):
            return await self._outcome(who, plan, action)
        if plan.status != "open":
            return 409, {"message": texts.PLAN_GONE}
        if action in ("done", "drop"):
            status = "done" if action == "done" else "dropped"
            if not await entries.close_plan(db, user_id, plan.id, status, now):
                return 409, {"message": texts.PLAN_GONE}
            log.info("plan %s from the dashboard user_id=%s plan_id=%s", status, user_id, plan.id)
            if status == "dropped":
                return 200, {"message": page["plan_dropped"]}
            await entries.ask_outcome(db, user_id, plan.id, now)
            question = page["outcome_question"].format(then=plan_rules.win_text(plan.then_happens))
            buttons = [
                (texts.BUTTON_OUTCOME_YES, "yes"),
                (texts.BUTTON_OUTCOME_NOT_YET, "not_yet"),
                (texts.BUTTON_OUTCOME_NO, "no"),
            ]
            return 200, {"message": page["plan_done"], "ask": _ask(plan, question, buttons)}
        if action == "day":
            day = date.fromisoformat(str(body.get("day")))
            if day not in plan_rules.pick_days(who.today):
                raise ValueError("not a day offered")
            follow_up = plan_rules.plan_follow_up(day, now, who.user.timezone)
            if not await entries.reschedule_plan(
                db, user_id, plan.id, follow_up.day, follow_up.due
            ):
                return 409, {"message": texts.PLAN_GONE}
            log.info("plan moved from the dashboard user_id=%s plan_id=%s", user_id, plan.id)
            when = follow_up_when(follow_up.day, follow_up.at, who.today)
            return 200, {"message": page["plan_moved"].format(when=when)}
        raise ValueError("unknown action")

    async def _outcome(
        self, who: Person, plan: entries.Plan, action: str
    ) -> tuple[int, dict[str, Any]]:
        """After Done: did the "then" happen? Yes offers to log the win ("win"), as the chat
        does; not yet is asked once more in the chat later; no points to the next plan."""
        db, now, user_id = self.svc.db, self.svc.clock.now(), who.user.user_id
        page = texts.DASHBOARD_PAGE
        then = plan_rules.win_text(plan.then_happens)
        if plan.status != "done":
            raise ValueError("no outcome to give")
        if action == "win":
            if plan.outcome != "yes" or plan.win_id is not None:
                return 409, {"message": texts.PLAN_OUTCOME_ANSWERED}
            win = await entries.log_plan_win(
                db, user_id=user_id, plan_id=plan.id, text=then, now=now, update_id=None
            )
            if win is None:
                return 404, {"message": texts.PLAN_GONE}
            log.info("win logged from the dashboard user_id=%s plan_id=%s", user_id, plan.id)
            return 200, {"message": page["outcome_win"].format(win=win.text)}
        outcome = action
        again = None
        if outcome == "not_yet":
            again = plan_rules.outcome_again(now, max(plan.outcome_asks, 1), who.user.timezone)
        if not await entries.set_outcome(db, user_id, plan.id, outcome, again):
            return 409, {"message": texts.PLAN_OUTCOME_ANSWERED}
        log.info(
            "plan outcome %s from the dashboard user_id=%s plan_id=%s", outcome, user_id, plan.id
        )
        if outcome == "yes":
            happened = page["outcome_happened"].format(then=then)
            return 200, {"ask": _ask(plan, happened, [(texts.BUTTON_LOG_WIN, "win")])}
        if outcome == "no":
            return 200, {"message": page["outcome_no"]}
        if again is None:
            return 200, {"message": page["outcome_not_yet_last"]}
        day = day_label(local_now(again, who.user.timezone).date(), who.today)
        return 200, {"message": page["outcome_not_yet"].format(day=day)}


def _ask(plan: entries.Plan, text: str, buttons: list[tuple[str, str]]) -> dict[str, Any]:
    """A question under the plan, answered by one of ``buttons`` (label, action)."""
    return {
        "id": plan.id,
        "text": text,
        "buttons": [{"label": label, "action": action} for label, action in buttons],
    }


class DashboardServer:
    """Polling mode: a web server for the dashboard alone, on LISTEN_HOST:LISTEN_PORT."""

    def __init__(self, svc: Services) -> None:
        self.settings = svc.settings
        self.dashboard = Dashboard(svc)
        self.web = web.Application(client_max_size=MAX_BODY_BYTES)
        self.dashboard.add_routes(self.web)
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        self._runner = web.AppRunner(self.web, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.listen_host, self.settings.listen_port)
        await site.start()
        log.info(
            "dashboard listening host=%s port=%d",
            self.settings.listen_host,
            self.settings.listen_port,
        )

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
