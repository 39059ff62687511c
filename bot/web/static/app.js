// The Comeback dashboard: one GET for everything shown, one POST per plan button.
// Every text comes from the server in the person's language; user text goes in through
// textContent only. Works without Telegram's script: initData and theme are then read from
// the address (#tgWebAppData=...&tgWebAppThemeParams=...), as Telegram passes them.
"use strict";
(function () {
  const tg = window.Telegram && window.Telegram.WebApp && window.Telegram.WebApp.initData
    ? window.Telegram.WebApp : null;
  const base = document.body.dataset.base || "";
  const hash = new URLSearchParams(location.hash.slice(1));
  const initData = (tg && tg.initData) || hash.get("tgWebAppData") || "";
  const root = document.getElementById("app");
  const stats = { requests: 0, firstRenderMs: null };
  window.comebackDashboard = stats;
  let T = {};
  let back = null; // closes the open sub-view (a day picker): the Back button

  function themeFromAddress() {
    if (tg) return;
    try {
      const params = JSON.parse(hash.get("tgWebAppThemeParams") || "{}");
      for (const [key, value] of Object.entries(params)) {
        if (/^[a-z_]+$/.test(key) && /^#[0-9a-fA-F]{3,8}$/.test(String(value))) {
          document.documentElement.style.setProperty("--tg-theme-" + key.replace(/_/g, "-"), value);
        }
      }
    } catch (e) { /* no theme: the CSS fallbacks apply */ }
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function svg(markup) {
    // Charts are drawn by the server (bot/web/charts.py), every label escaped there.
    const box = el("div", "chart");
    box.innerHTML = markup;
    return box;
  }

  async function api(method, path, body) {
    stats.requests += 1;
    const response = await fetch(base + "/api" + path, {
      method,
      headers: { "Authorization": "tma " + initData, "Content-Type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    return { status: response.status, data };
  }

  function setBack(close) {
    back = close;
    if (!tg || !tg.BackButton) return;
    if (close) tg.BackButton.show(); else tg.BackButton.hide();
  }

  function goBack() {
    const close = back;
    setBack(null);
    if (close) close();
  }

  function message(text) {
    const old = root.querySelector(".toast");
    if (old) old.remove();
    if (!text) return;
    const toast = el("div", "toast", text);
    toast.setAttribute("role", "status");
    root.insertBefore(toast, root.children[1] || null);
  }

  function section(title) {
    const part = el("section");
    part.appendChild(el("h2", "", title));
    root.appendChild(part);
    return part;
  }

  async function act(planId, body, card) {
    for (const b of card.querySelectorAll("button")) b.disabled = true;
    try {
      const { status, data } = await api("POST", "/plans/" + planId, body);
      if (status === 401) return showError(data.message, false);
      render(data.summary || null);
      message(data.message || "");
      if (data.ask) askOutcome(data.ask);
    } catch (e) {
      for (const b of card.querySelectorAll("button")) b.disabled = false;
      message(T.error);
    }
  }

  function askOutcome(ask) {
    const card = el("div", "card outcome");
    card.appendChild(el("div", "", ask.text));
    const row = el("div", "buttons");
    ask.buttons.forEach((choice, i) => {
      const button = el("button", i === 0 ? "" : "quiet", choice.label);
      button.addEventListener("click", () => act(ask.id, { action: choice.action }, card));
      row.appendChild(button);
    });
    card.appendChild(row);
    const toast = root.querySelector(".toast");
    root.insertBefore(card, toast ? toast.nextSibling : root.children[1] || null);
  }

  function planCard(plan, days) {
    const card = el("div", "card plan");
    card.dataset.planId = String(plan.id);
    card.appendChild(el("div", "title", plan.text));
    card.appendChild(el("div", "hint", plan.when));
    const row = el("div", "buttons");
    const buttons = [
      [T.done, () => act(plan.id, { action: "done" }, card)],
      [T.not_yet, () => pickDay(plan, days, card, row)],
      [T.drop, () => act(plan.id, { action: "drop" }, card)],
    ];
    for (const [label, onClick] of buttons) {
      const button = el("button", label === T.done ? "" : "quiet", label);
      button.addEventListener("click", onClick);
      row.appendChild(button);
    }
    card.appendChild(row);
    return card;
  }

  function pickDay(plan, days, card, row) {
    const picker = el("div", "buttons days");
    picker.appendChild(el("div", "hint", T.pick_day));
    for (const day of days) {
      const button = el("button", "quiet", day.label);
      button.addEventListener("click", () => {
        setBack(null);
        act(plan.id, { action: "day", day: day.date }, card);
      });
      picker.appendChild(button);
    }
    row.replaceWith(picker);
    setBack(() => picker.replaceWith(row));
  }

  function render(data) {
    if (!data) return showError(T.error);
    T = data.texts;
    document.title = T.title;
    document.documentElement.lang = data.lang || "en";
    setBack(null);
    root.replaceChildren(el("h1", "", T.title));
    if (data.belief) {
      const part = section(T.belief);
      part.appendChild(el("div", "card belief", data.belief));
    }
    const focus = section(T.focus);
    focus.appendChild(el("div", "card" + (data.focus ? "" : " hint"), data.focus || T.focus_none));

    const plans = section(T.plans);
    if (!data.plans.length) plans.appendChild(el("div", "card hint", T.plans_empty));
    for (const plan of data.plans) plans.appendChild(planCard(plan, data.days));

    const trend = section(T.trend);
    trend.appendChild(data.trend_svg ? svg(data.trend_svg) : el("div", "card hint", T.trend_empty));
    section(T.weekly).appendChild(svg(data.weekly_svg));

    if (data.funnel) {
      const part = section(T.applications);
      const box = el("div", "card funnel");
      const top = Math.max(1, ...data.funnel.map((s) => s.count));
      for (const step of data.funnel) {
        const row = el("div", "row");
        row.appendChild(el("span", "name", step.label));
        const bar = el("span", "bar");
        bar.style.width = Math.round((50 * step.count) / top) + "%";
        row.appendChild(bar);
        row.appendChild(el("span", "count", String(step.count)));
        box.appendChild(row);
      }
      part.appendChild(box);
    }

    const timeline = section(T.timeline);
    if (!data.timeline.length) timeline.appendChild(el("div", "card hint", T.empty));
    const list = el("ol", "timeline");
    for (const item of data.timeline) {
      const li = el("li", item.kind);
      li.appendChild(el("div", "meta", item.date + " · " + item.label));
      li.appendChild(el("div", "title", item.title));
      if (item.detail) li.appendChild(el("div", "hint", item.detail));
      for (const plan of item.plans) {
        li.appendChild(el("div", "sub " + plan.status, "→ " + plan.text + " (" + plan.label + ")"));
      }
      list.appendChild(li);
    }
    timeline.appendChild(list);
    root.setAttribute("aria-busy", "false");
    if (stats.firstRenderMs === null) stats.firstRenderMs = Math.round(performance.now());
  }

  function showError(text, canRetry) {
    root.replaceChildren(el("div", "card", text || T.error || ""));
    if (canRetry !== false) {
      const retry = el("button", "", T.retry || "↻");
      retry.addEventListener("click", load);
      root.appendChild(retry);
    }
    root.setAttribute("aria-busy", "false");
  }

  async function load() {
    try {
      const { status, data } = await api("GET", "/summary");
      if (status === 200) render(data); else showError(data.message, status !== 401);
    } catch (e) {
      showError(T.error);
    }
  }

  themeFromAddress();
  if (tg) {
    tg.ready();
    tg.expand();
    if (tg.BackButton) tg.BackButton.onClick(goBack);
  }
  load();
})();
