// Poll a compilation job and move the <progress> bar along; reload the page when the job ends.
// Without JavaScript the page refreshes itself (<noscript><meta http-equiv="refresh">) instead.
(function () {
  "use strict";
  var box = document.getElementById("forlopp");
  if (!box || box.dataset.aktiv !== "ja") {
    return;
  }
  var bar = document.getElementById("forloppsindikator");
  var procent = document.getElementById("forlopp-procent");
  var steg = document.getElementById("forlopp-steg");

  function poll() {
    fetch(box.dataset.pollUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (job) {
        bar.value = job.progress;
        bar.textContent = job.progress + " %";
        procent.textContent = job.progress;
        steg.textContent = job.steg || job.status_display;
        if (job.status === "done" || job.status === "failed") {
          window.location.assign(box.dataset.doneUrl);
        } else {
          window.setTimeout(poll, 700);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 3000);
      });
  }
  poll();
})();
