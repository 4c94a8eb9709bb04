// "Find an action": the form sends ?group=<slug>&number=2.1 to actions/find.html, which goes
// on to the group's numbers page, which goes on to the action. Without script both pages are
// lists of links. The number is read as the search page reads it: "2.1", "A2.1", "action 2.1".
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var typed = (params.get("number") || "").toLowerCase().replace(/\s+/g, "")
    .replace(/^[#(]*(actions?(no\.?|number|#)?a?|a)?/, "").replace(/[.,:;!?)]+$/, "");
  var status = document.getElementById("find-status");

  function say(text) {
    if (!status) return;
    status.textContent = text;
    status.hidden = false;
  }

  var groups = document.getElementById("find-groups");
  if (groups) {
    var wanted = params.get("group");
    var chosen = wanted && groups.querySelector('a[data-group="' + CSS.escape(wanted) + '"]');
    if (chosen) {
      var next = new URL(chosen.href);
      if (typed) next.searchParams.set("number", typed);
      location.replace(next.href);
    } else if (wanted) {
      say("There is no group “" + wanted + "”: choose one below.");
    }
    return;
  }
  var numbers = document.getElementById("find-numbers");
  if (!numbers || !typed) return;
  var found = numbers.querySelector('a[data-number="' + CSS.escape(typed) + '"]');
  if (found) {
    location.replace(found.href);
  } else {
    say("No action numbered " + typed + " in this group: its numbers are listed below.");
  }
})();
