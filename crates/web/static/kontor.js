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
