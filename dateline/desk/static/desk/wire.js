// Refresh the wire monitor's rows every 20 seconds without reloading the page. Without
// JavaScript the page works the same; the "Refresh" link reloads it. Stories opened to see
// their wire items stay open, and nothing is replaced while an editor types in a row.
(function () {
  "use strict";
  const live = document.querySelector(".wire-live");
  const rows = document.getElementById("wire-rows");
  if (!live || !rows) return;
  const url = live.dataset.rowsUrl;
  async function refresh() {
    if (document.hidden) return;
    const typing = document.activeElement;
    if (typing && typing.tagName === "INPUT" && rows.contains(typing)) return;
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } });
      if (!response.ok) return;
      const open = new Set(
        Array.from(rows.querySelectorAll("details[open][data-story]"), (d) => d.dataset.story)
      );
      rows.innerHTML = await response.text();
      rows.querySelectorAll("details[data-story]").forEach((details) => {
        if (open.has(details.dataset.story)) details.open = true;
      });
      live.textContent = "Updated " + new Date().toLocaleTimeString();
    } catch (error) {
      live.textContent = "Could not refresh; retrying.";
    }
  }
  setInterval(refresh, 20000);
})();
