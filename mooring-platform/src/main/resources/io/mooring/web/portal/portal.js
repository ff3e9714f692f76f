// Mooring's portal: live updates and relative times. Everything else is plain HTML and htmx attributes.
(function () {
  "use strict";

  // A page whose live part names a stream ([data-live]) follows it: on each "changed" event, htmx
  // reloads the elements that listen to "mooring:changed" (hx-trigger="mooring:changed from:body").
  // EventSource reconnects by itself when the server restarts.
  function follow() {
    var live = document.querySelector("[data-live]");
    if (!live || !window.EventSource || !window.htmx) {
      return;
    }
    var source = new EventSource(live.getAttribute("data-live"));
    source.addEventListener("changed", function () {
      window.htmx.trigger(document.body, "mooring:changed");
    });
    window.addEventListener("pagehide", function () {
      source.close();
    });
  }

  // The server writes "5 min ago"; this keeps such texts true while a page stays open.
  function relative(then) {
    var seconds = Math.round((Date.now() - then) / 1000);
    var future = seconds < 0;
    seconds = Math.abs(seconds);
    if (seconds < 10) {
      return "just now";
    }
    var amount = seconds < 60 ? seconds + " s" : seconds < 3600 ? Math.floor(seconds / 60) + " min"
        : seconds < 86400 ? Math.floor(seconds / 3600) + " h" : Math.floor(seconds / 86400) + " d";
    return future ? "in " + amount : amount + " ago";
  }

  function refreshTimes() {
    var times = document.querySelectorAll("time[datetime]");
    for (var i = 0; i < times.length; i++) {
      var then = Date.parse(times[i].getAttribute("datetime"));
      if (!isNaN(then)) {
        times[i].textContent = relative(then);
      }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    follow();
    setInterval(refreshTimes, 15000);
  });
})();
