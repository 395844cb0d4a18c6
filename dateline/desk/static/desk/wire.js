// Refresh the wire monitor's rows every 20 seconds without reloading the page. Without
// JavaScript the page works the same; the "Refresh" link reloads it.
(function () {
  "use strict";
  const live = document.querySelector(".wire-live");
  const rows = document.getElementById("wire-rows");
  if (!live || !rows) return;
  const url = live.dataset.rowsUrl;
  async function refresh() {
    if (document.hidden) return;
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } });
      if (!response.ok) return;
      rows.innerHTML = await response.text();
      live.textContent = "Updated " + new Date().toLocaleTimeString();
    } catch (error) {
      live.textContent = "Could not refresh; retrying.";
    }
  }
  setInterval(refresh, 20000);
})();
