/* Accessible names for the Django admin's JavaScript widgets (axe on every change form): the
   search icon of filter_horizontal (SelectFilter2) and the select2 boxes of autocomplete_fields.
   Runs after the admin's own scripts have built the widgets (window load). CSP: no inline script. */
(function () {
  "use strict";

  function labelSelect2(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = document.querySelector("label[for='" + select.id + "']");
      var box = select.nextElementSibling;
      if (!label || !box || !box.classList.contains("select2")) return;
      if (!label.id) label.id = select.id + "_etikett";
      var name = label.textContent.replace(/:\s*$/, "").trim();
      box.querySelectorAll("[role=combobox]").forEach(function (combo) {
        var rendered = box.querySelector(".select2-selection__rendered");
        combo.setAttribute("aria-labelledby", label.id + (rendered && rendered.id ? " " + rendered.id : ""));
      });
      box.querySelectorAll(".select2-selection__rendered[role=textbox]").forEach(function (value) {
        value.setAttribute("aria-label", name);
      });
      box.querySelectorAll("input.select2-search__field").forEach(function (input) {
        input.setAttribute("aria-label", name);
      });
    });
  }

  window.addEventListener("load", function () {
    // SelectFilter2 names its filter field by an aria-label on a plain span (not allowed there).
    document.querySelectorAll(".help-tooltip.search-label-icon[aria-label]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
    labelSelect2(document);
    // select2 builds its boxes when jQuery is ready (possibly after load) and rebuilds parts on
    // change, on opening and for rows added with "Add another": label whatever it adds.
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; labelSelect2(document); });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
