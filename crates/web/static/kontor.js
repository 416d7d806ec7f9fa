// Kontor's progressive enhancement: every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // The language switcher changes at once; its button is for browsers without scripts.
  for (const form of document.querySelectorAll("form.lang-switch")) {
    const select = form.querySelector("select");
    const button = form.querySelector("button");
    if (!select || !button) continue;
    button.hidden = true;
    select.addEventListener("change", () => form.submit());
  }
  // Bring the error summary of a failed form into view for keyboard and screen readers.
  const summary = document.querySelector(".errors-summary");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
});

// Autocomplete for organisations, places, industries and tags: inputs marked with
// data-suggest get a native <datalist> filled from /suggest as the member types. Free
// text stays allowed; without JavaScript the inputs are plain text fields.
document.addEventListener("DOMContentLoaded", () => {
  let counter = 0;
  for (const input of document.querySelectorAll("input[data-suggest]")) {
    const list = document.createElement("datalist");
    list.id = "suggest-" + (++counter);
    input.after(list);
    input.setAttribute("list", list.id);
    const commaList = input.dataset.list === "comma";
    let timer = null;
    let lastQuery = "";
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const parts = commaList ? input.value.split(",") : [input.value];
        const query = parts[parts.length - 1].trim();
        if (query.length < 2 || query === lastQuery) return;
        lastQuery = query;
        const url = "/suggest?kind=" + encodeURIComponent(input.dataset.suggest) + "&q=" + encodeURIComponent(query);
        try {
          const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
          if (!response.ok) return;
          const suggestions = await response.json();
          const head = commaList ? parts.slice(0, -1).map((p) => p.trim()).filter(Boolean) : [];
          list.replaceChildren(...suggestions.map((s) => {
            const option = document.createElement("option");
            option.value = head.concat([s.name]).join(", ");
            return option;
          }));
        } catch (_) {
          // Suggestions are a convenience; typing on works without them.
        }
      }, 150);
    });
  }
});

// Live updates over server-sent events: the bell's count follows new notifications, and
// the ticker says how many new items wait above it (a link reloads; nothing moves under
// the reader's eyes). Without JavaScript the counts are as fresh as the page.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.body.dataset.live;
  if (!source || !window.EventSource) return;
  const events = new EventSource(source);
  events.addEventListener("unread", (event) => {
    const count = Number(event.data) || 0;
    for (const badge of document.querySelectorAll("[data-unread]")) {
      badge.dataset.unread = String(count);
      badge.textContent = String(count);
      badge.hidden = count === 0;
    }
  });
  const banner = document.getElementById("ticker-new");
  let waiting = 0;
  events.addEventListener("item", () => {
    if (!banner) return;
    waiting += 1;
    const link = banner.querySelector("a");
    const text = waiting === 1 ? banner.dataset.one : banner.dataset.other.replace("#", String(waiting));
    link.textContent = text.replace(/[\u2068\u2069]/g, "");
    banner.dataset.count = String(waiting);
    banner.hidden = false;
  });
  // Leaving the page closes the stream at once, rather than when the server notices.
  window.addEventListener("pagehide", () => events.close());
});

// Relative times: a <time data-relative> written as a day ("3. Dezember 2026") reads
// "vor 5 Minuten" / "5 minutes ago" for the last week, from the browser's own locale
// data (Intl.RelativeTimeFormat), and keeps the day as its title. Older ones stay days.
(() => {
  const units = [["day", 86400], ["hour", 3600], ["minute", 60]];
  const week = 7 * 86400;
  const format = new Intl.RelativeTimeFormat(document.documentElement.lang || "en", { numeric: "auto" });
  const update = () => {
    const now = Date.now();
    for (const el of document.querySelectorAll("time[data-relative]")) {
      const at = Date.parse(el.getAttribute("datetime"));
      if (Number.isNaN(at)) continue;
      if (!el.title) el.title = el.textContent;
      const seconds = Math.round((at - now) / 1000);
      if (-seconds > week || seconds > 60) {
        el.textContent = el.title;
        continue;
      }
      const [unit, size] = units.find(([, size]) => Math.abs(seconds) >= size) || ["second", 1];
      el.textContent = unit === "second" ? format.format(0, "second") : format.format(Math.trunc(seconds / size), unit);
    }
  };
  document.addEventListener("DOMContentLoaded", update);
  setInterval(update, 60_000);
})();
