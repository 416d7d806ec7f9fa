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

// Members suggested while typing into a field (the ARIA combobox pattern): arrow keys
// move, Enter or Tab takes one, Escape closes, a click or tap takes one. `typed()` says
// what is being typed (or null: nothing to suggest), `url(typed)` where to ask,
// `take(member, typed)` what choosing one does; with `first`, the first is chosen
// unless another is (a composer), without it Enter keeps its own meaning (a search).
function suggestMembers(field, { id, label, typed, url, take, first }) {
  const wrap = document.createElement("div");
  wrap.className = "mention-wrap";
  field.before(wrap);
  wrap.append(field);
  const list = document.createElement("ul");
  list.id = id;
  list.className = "mention-list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", label);
  list.hidden = true;
  wrap.append(list);
  field.setAttribute("role", "combobox");
  field.setAttribute("aria-autocomplete", "list");
  field.setAttribute("aria-controls", list.id);
  field.setAttribute("aria-expanded", "false");

  let found = [];
  let active = -1;
  let timer = null;
  let asked = null;

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    found = [];
    active = -1;
    field.setAttribute("aria-expanded", "false");
    field.removeAttribute("aria-activedescendant");
  };
  const highlight = (i) => {
    active = i;
    list.querySelectorAll("[role=option]").forEach((option, j) => option.setAttribute("aria-selected", String(j === i)));
    if (i >= 0) {
      field.setAttribute("aria-activedescendant", list.id + "-" + i);
      list.children[i].scrollIntoView({ block: "nearest" });
    } else {
      field.removeAttribute("aria-activedescendant");
    }
  };
  const choose = (i) => {
    const now = typed();
    const member = found[i];
    close();
    if (now && member) take(member, now);
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
      option.addEventListener("click", () => choose(i));
      return option;
    }));
    list.hidden = false;
    field.setAttribute("aria-expanded", "true");
    highlight(first ? 0 : -1);
  };
  field.addEventListener("input", () => {
    clearTimeout(timer);
    const now = typed();
    if (!now) return close();
    timer = setTimeout(async () => {
      if (now.typed === asked && !list.hidden) return;
      asked = now.typed;
      try {
        const response = await fetch(url(now.typed), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (!response.ok) return close();
        const members = await response.json();
        const still = typed();
        if (still && still.typed === now.typed) show(members);
      } catch (_) {
        // Suggestions are a convenience: what is typed works just the same.
        close();
      }
    }, 120);
  });
  field.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      const from = active < 0 && step < 0 ? 0 : active;
      highlight((from + step + found.length) % found.length);
    } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  field.addEventListener("blur", () => setTimeout(close, 150));
}

// Mentions: after an "@" in a composer (textarea[data-mention]) the contacts the member
// may mention are suggested. The name is written into the text as "@Full Name", which
// is all the server reads: without JavaScript, typing the name out mentions the same way.
document.addEventListener("DOMContentLoaded", () => {
  let counter = 0;
  for (const area of document.querySelectorAll("textarea[data-mention]")) {
    // The "@" being typed before the caret: at a word's start, at most three words on.
    const typed = () => {
      const before = area.value.slice(0, area.selectionStart);
      const at = before.lastIndexOf("@");
      if (at < 0 || (at > 0 && /[\p{L}\p{N}]/u.test(before[at - 1]))) return null;
      const typed = before.slice(at + 1);
      if (typed.length > 60 || /[\n@]/.test(typed) || (typed.match(/ /g) || []).length > 2) return null;
      return { at, typed };
    };
    suggestMembers(area, {
      id: "mention-list-" + ++counter,
      label: area.dataset.mention,
      typed,
      url: (typed) => "/mentions?q=" + encodeURIComponent(typed),
      take: (member, now) => {
        area.setRangeText("@" + member.name + " ", now.at, area.selectionStart, "end");
        area.focus();
      },
      first: true,
    });
  }
});

// The top bar's search: people suggested while typing (a name, a skill, a company, …);
// choosing one opens their profile, Enter alone searches.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("input[data-people]");
  if (!box) return;
  suggestMembers(box, {
    id: "search-suggestions",
    label: box.dataset.people,
    typed: () => (box.value.trim().length >= 2 ? { typed: box.value.trim() } : null),
    url: (typed) => "/search/suggest?q=" + encodeURIComponent(typed),
    take: (member) => window.location.assign("/members/" + member.id),
  });
});
