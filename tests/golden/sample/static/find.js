// "Find an action": the form sends ?group=<slug>&number=2.1 to actions/find.html, which goes
// on to the group's numbers page, which goes on to the action. Without script both pages are
// lists of links. The number is read by the one rule of static/numbers.js: "2.1", "A2.1",
// "action no. 2.1"; text that is no action's number is looked for as it was typed.
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var asked = (params.get("number") || "").trim();
  var numbers = window.siteGenNumbers;
  var typed = (numbers && numbers.of(asked, "action")) || asked;
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
