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

  // Session warning (WCAG 2.2.1): SESSION_WARNING_SECONDS before the session ends, a modal
  // alertdialog offers to extend it; the button posts to /konto/forlang/ and the countdown starts
  // over. Remaining time comes from the server in seconds (no trust in the browser's clock).
  var dialog = document.getElementById("sessionsvarning");
  if (dialog && typeof dialog.showModal === "function") {
    var text = document.getElementById("sessionsvarning-text");
    var rubrik = document.getElementById("sessionsvarning-rubrik");
    var form = dialog.querySelector("[data-forlang]");
    var knapp = dialog.querySelector("[data-forlang-knapp]");
    var varning = parseInt(dialog.getAttribute("data-varning"), 10) * 1000;
    var slut = Date.now() + parseInt(dialog.getAttribute("data-kvar"), 10) * 1000;
    var maxNadd = dialog.getAttribute("data-max-nadd") === "1";
    var tidigareFokus = null;
    var stangd = false;
    var minuter = function () { return String(Math.max(1, Math.ceil((slut - Date.now()) / 60000))); };
    var visa = function () {
      var kvar = slut - Date.now();
      if (kvar <= 0) {
        rubrik.textContent = rubrik.getAttribute("data-rubrik-utgangen");
        text.textContent = text.getAttribute("data-text-utgangen");
        knapp.hidden = true;
      } else {
        text.textContent = text.getAttribute(maxNadd ? "data-text-max" : "data-text-snart").replace("%(minuter)s", minuter());
        knapp.hidden = maxNadd;
      }
      if (!dialog.open) {
        tidigareFokus = document.activeElement;
        dialog.showModal();
        (knapp.hidden ? dialog.querySelector("[data-stang]") : knapp).focus();
      }
    };
    var stang = function () {
      dialog.close();
      if (tidigareFokus && tidigareFokus.focus) tidigareFokus.focus();
    };
    dialog.querySelector("[data-stang]").addEventListener("click", function () { stangd = true; stang(); });
    dialog.addEventListener("cancel", function () { stangd = true; });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (svar) { return svar.json(); }).then(function (data) {
        if (!data.inloggad) { slut = Date.now(); visa(); return; }
        slut = Date.now() + data.kvar * 1000;
        maxNadd = data.max_nadd;
        stangd = false;
        stang();
      });
    });
    var senast = null;
    setInterval(function () {
      var kvar = slut - Date.now();
      var lage = kvar <= 0 ? "ute" : (kvar <= varning ? "snart" : null);
      if (lage === null) { senast = null; return; }
      // Open once when the warning time comes and again when the session has ended; while open,
      // keep the minutes current (not announced every tick: the dialog is read when it opens).
      if (lage !== senast) { senast = lage; stangd = false; }
      if (!stangd) visa();
    }, 1000);
  }

  // A form posted after the session ended (jamlik.ops.sessions): fill its fields in again from
  // the kept values and move focus to the notice. Nothing is sent until the user sends it.
  var data = document.getElementById("atergang-data");
  if (data) {
    var falt = JSON.parse(data.textContent);
    var varden = {};
    falt.forEach(function (par) { (varden[par[0]] = varden[par[0]] || []).push(par[1]); });
    var formular = Array.prototype.filter.call(document.querySelectorAll("main form[method=post]"), function (f) {
      return Object.keys(varden).some(function (namn) { return f.elements.namedItem(namn); });
    })[0];
    if (formular) {
      Array.prototype.forEach.call(formular.elements, function (el) {
        var namn = el.name;
        if (!namn || !(namn in varden) || namn === "csrfmiddlewaretoken") return;
        if (el.type === "file" || el.type === "password" || el.type === "submit" || el.type === "button") return;
        if (el.type === "checkbox" || el.type === "radio") {
          el.checked = varden[namn].indexOf(el.value) !== -1;
        } else if (el.tagName === "SELECT") {
          Array.prototype.forEach.call(el.options, function (o) { o.selected = varden[namn].indexOf(o.value) !== -1; });
        } else {
          el.value = varden[namn][0];
        }
        el.dispatchEvent(new Event("input", { bubbles: true }));
      });
    }
    var notis = document.querySelector("[data-atergang]");
    if (notis) notis.focus();
  }

  // A form that makes the user wait for the answer (a compilation run in-process, without a
  // queue): on submit the button is disabled and says so, and the status line ([data-vantar-status],
  // a polite live region) tells what is happening until the next page arrives.
  document.querySelectorAll("form[data-vantar]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var status = form.querySelector("[data-vantar-status]");
      var knapp = form.querySelector("button[type=submit]");
      if (status) {
        status.textContent = form.getAttribute("data-vantar");
        status.hidden = false;
      }
      if (knapp) {
        window.setTimeout(function () { knapp.disabled = true; }, 0);
        knapp.setAttribute("aria-describedby", status ? status.id : "");
      }
      form.setAttribute("aria-busy", "true");
    });
  });
})();
