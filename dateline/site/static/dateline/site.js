// Relative times ("6 minutes ago") are computed here, in the reader's browser, from the
// absolute <time datetime>, so that a page cached for an hour still tells the truth.
(function () {
  "use strict";
  var units = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400],
               ["hour", 3600], ["minute", 60]];
  function relative(seconds) {
    if (seconds < 45) return "just now";
    for (var i = 0; i < units.length; i++) {
      var n = Math.floor(seconds / units[i][1]);
      if (n >= 1) return n + " " + units[i][0] + (n === 1 ? "" : "s") + " ago";
    }
    return "just now";
  }
  function refresh() {
    var now = Date.now();
    var times = document.querySelectorAll("time[data-relative]");
    for (var i = 0; i < times.length; i++) {
      var el = times[i];
      var at = Date.parse(el.getAttribute("datetime"));
      if (isNaN(at)) continue;
      if (!el.hasAttribute("title")) el.setAttribute("title", el.textContent.trim());
      var seconds = (now - at) / 1000;
      // Beyond a week, the date says more than "3 weeks ago"; future times stay absolute.
      if (seconds < 0 || seconds > 604800) continue;
      el.textContent = relative(seconds);
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    refresh();
    setInterval(refresh, 30000);
  });
})();
