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

// Mentions: after an "@" in a composer (textarea[data-mention]) the contacts the member
// may mention are listed as they type (the ARIA combobox pattern): arrow keys move,
// Enter or Tab takes one, Escape closes, a click or tap takes one. The name is written
// into the text as "@Full Name", which is all the server reads: without JavaScript,
// typing the name out mentions the same way.
document.addEventListener("DOMContentLoaded", () => {
  let counter = 0;
  for (const area of document.querySelectorAll("textarea[data-mention]")) {
    const n = ++counter;
    const wrap = document.createElement("div");
    wrap.className = "mention-wrap";
    area.before(wrap);
    wrap.append(area);
    const list = document.createElement("ul");
    list.id = "mention-list-" + n;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", area.dataset.mention);
    list.hidden = true;
    wrap.append(list);
    area.setAttribute("role", "combobox");
    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-controls", list.id);
    area.setAttribute("aria-expanded", "false");

    let found = [];
    let active = -1;
    let timer = null;
    let asked = null;

    // The "@" being typed before the caret: at a word's start, at most three words on.
    const typing = () => {
      const before = area.value.slice(0, area.selectionStart);
      const at = before.lastIndexOf("@");
      if (at < 0 || (at > 0 && /[\p{L}\p{N}]/u.test(before[at - 1]))) return null;
      const typed = before.slice(at + 1);
      if (typed.length > 60 || /[\n@]/.test(typed) || (typed.match(/ /g) || []).length > 2) return null;
      return { at, typed };
    };
    const close = () => {
      list.hidden = true;
      list.replaceChildren();
      found = [];
      active = -1;
      area.setAttribute("aria-expanded", "false");
      area.removeAttribute("aria-activedescendant");
    };
    const highlight = (i) => {
      active = i;
      list.querySelectorAll("[role=option]").forEach((option, j) => option.setAttribute("aria-selected", String(j === i)));
      if (i >= 0) {
        area.setAttribute("aria-activedescendant", list.id + "-" + i);
        list.children[i].scrollIntoView({ block: "nearest" });
      } else {
        area.removeAttribute("aria-activedescendant");
      }
    };
    const take = (i) => {
      const now = typing();
      const member = found[i];
      if (!now || !member) return close();
      const end = area.selectionStart;
      const name = "@" + member.name + " ";
      area.setRangeText(name, now.at, end, "end");
      close();
      area.focus();
    };
    const show = (members) => {
      found = members;
      if (members.length === 0) return close();
      list.replaceChildren(...members.map((member, i) => {
        const option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.member = member.id;
        const name = document.createElement("span");
        name.className = "name";
        name.textContent = member.name;
        option.append(name);
        if (member.headline) {
          const headline = document.createElement("span");
          headline.className = "headline";
          headline.textContent = member.headline;
          option.append(headline);
        }
        option.addEventListener("mousedown", (event) => event.preventDefault());
        option.addEventListener("click", () => take(i));
        return option;
      }));
      list.hidden = false;
      area.setAttribute("aria-expanded", "true");
      highlight(0);
    };
    area.addEventListener("input", () => {
      clearTimeout(timer);
      const now = typing();
      if (!now) return close();
      timer = setTimeout(async () => {
        if (now.typed === asked && !list.hidden) return;
        asked = now.typed;
        try {
          const response = await fetch("/mentions?q=" + encodeURIComponent(now.typed), {
            credentials: "same-origin",
            headers: { Accept: "application/json" },
          });
          if (!response.ok) return close();
          const members = await response.json();
          const still = typing();
          if (still && still.typed === now.typed) show(members);
        } catch (_) {
          // Suggestions are a convenience; the name typed out mentions just the same.
          close();
        }
      }, 120);
    });
    area.addEventListener("keydown", (event) => {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        highlight((active + step + found.length) % found.length);
      } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
        event.preventDefault();
        take(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    area.addEventListener("blur", () => setTimeout(close, 150));
  }
});
