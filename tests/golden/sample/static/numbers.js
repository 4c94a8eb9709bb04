// One rule for an action's or decision's number as a reader types it, for every tool that
// reads one (search, the index filter, "find an action"): "2.1", "action 2.1", "A2.1", "a 2.1",
// "Action 2.1.", "#2.1", "(2.1)", "actions 2.1", "action no. 2.1", "Action number 2.1";
// "D4.1", "d 4.1", "decision 4.1", "decision D4.1", "Resolution D4.1.", "#D4.1".
// A classic script (not a module), loaded before the scripts that use it, so it also runs in
// a site opened from files; it defines window.siteGenNumbers and nothing else.
(function () {
  "use strict";
  var NUMBER = /^[#(]*(?:(actions?|decisions?|resolutions?)(?:no\.?|number|#)?([ad])?|([ad]))?(\d{1,6}(?:\.\d{1,6}){0,5}[a-z]?)[.,:;!?)]*$/;
  var KINDS = { a: "action", d: "decision", r: "decision" }; // a resolution is a decision

  // The typed text as { kind, number }, or null where it is no number: kind is "action" or
  // "decision" where the reader named it with a word or a letter, else `otherwise`. A word and
  // a letter that disagree ("action D4.1") are no number; nor is an action's without a dot
  // (an action's number is its meeting's, a dot, and its own: "2.1").
  function read(typed, otherwise) {
    var match = NUMBER.exec(String(typed || "").toLowerCase().replace(/\s+/g, ""));
    if (!match) return null;
    var word = match[1] ? KINDS[match[1].charAt(0)] : "";
    var letter = match[2] || match[3] ? KINDS[match[2] || match[3]] : "";
    if (word && letter && word !== letter) return null;
    var kind = word || letter || otherwise || "";
    var number = match[4];
    if (kind === "action" && number.indexOf(".") < 0) return null;
    return { kind: kind, number: number };
  }

  // The number, where the typed text is one of that kind ("4.1" and "D4.1" for a decision).
  function of(typed, kind) {
    var found = read(typed, kind);
    return found && found.kind === kind ? found.number : null;
  }

  window.siteGenNumbers = { read: read, of: of };
})();
