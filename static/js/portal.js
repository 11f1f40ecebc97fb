/* Progressive enhancement for the portal's components (Designsystemet markup, rendered by Django).
   Everything works without this file: it only moves focus to an error summary, makes summary links
   land on their field with its label in view, announces the messages after a save, and turns a
   textarea's "at most N characters" hint into a live counter. Loaded with defer; no inline script (strict CSP). */
(function () {
  "use strict";

  // The error summary of a form with errors receives focus, so it is read out first.
  var summary = document.querySelector("[data-felsammanfattning]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      var group = field.closest("fieldset") || field.closest(".ds-field");
      (group || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  // Messages after a save: announced by filling an empty live region once the page has loaded
  // (komponenter/meddelanden.html); the visible banners stay as they are.
  var live = document.querySelector("[data-meddelanden-live]");
  if (live) {
    var texts = Array.prototype.map.call(document.querySelectorAll(".meddelanden .meddelande"), function (el) {
      return el.textContent.trim();
    });
    setTimeout(function () { live.textContent = texts.join(" "); }, 400);
  }

  // Character counters: the static hint becomes a count that follows the text.
  document.querySelectorAll("[data-raknare]").forEach(function (counter) {
    var field = counter.parentElement.querySelector("textarea");
    if (!field) return;
    var max = parseInt(counter.getAttribute("data-raknare"), 10);
    // Let the text run over the limit (the server refuses it) instead of cutting it off unseen.
    field.removeAttribute("maxlength");
    var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(counter.id) === -1) described.push(counter.id);
    field.setAttribute("aria-describedby", described.join(" "));
    // A separate polite live region, updated when typing pauses, so every key is not announced.
    var live = document.createElement("p");
    live.className = "ds-sr-only";
    live.setAttribute("aria-live", "polite");
    counter.after(live);
    var timer = null;
    function text() {
      var left = max - field.value.length;
      var template = counter.getAttribute(left < 0 ? "data-over" : "data-kvar");
      return template.replace("%(antal)s", String(Math.abs(left)));
    }
    function update(announce) {
      counter.textContent = text();
      if (field.value.length > max) counter.setAttribute("data-state", "over");
      else counter.removeAttribute("data-state");
      if (announce) {
        clearTimeout(timer);
        timer = setTimeout(function () { live.textContent = text(); }, 800);
      }
    }
    field.addEventListener("input", function () { update(true); });
    update(false);
  });
})();
