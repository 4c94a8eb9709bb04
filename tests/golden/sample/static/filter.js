// Action lists: an instant filter over the table, added only when JavaScript runs.
// Without it, the static pages per status, group, year and owner do the same job.
// The filter lives in the query string (?status=open&owner=Dez+Holmes), so a filtered
// list is a link to share.
(function () {
  "use strict";
  var box = document.getElementById("action-filter");
  var table = document.querySelector("table[data-filterable]");
  if (!box || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);

  function values(attribute, split) {
    var seen = {};
    rows.forEach(function (row) {
      var value = row.getAttribute(attribute) || "";
      (split ? value.split("|") : [value]).forEach(function (v) {
        if (v) seen[v] = true;
      });
    });
    return Object.keys(seen).sort();
  }

  function statusLabels() {
    var labels = {};
    rows.forEach(function (row) {
      var badge = row.querySelector(".status");
      if (badge) labels[row.getAttribute("data-status")] = badge.textContent;
    });
    return labels;
  }

  function element(tag, attributes, text) {
    var el = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      el.setAttribute(name, attributes[name]);
    });
    if (text) el.textContent = text;
    return el;
  }

  function field(id, label, control) {
    var p = element("p");
    p.append(element("label", { for: id }, label), control);
    return p;
  }

  function select(name, options, labels) {
    var control = element("select", { id: "filter-" + name, name: name });
    control.append(element("option", { value: "" }, "Any"));
    options.forEach(function (value) {
      control.append(element("option", { value: value }, (labels && labels[value]) || value));
    });
    return control;
  }

  var form = element("form", { class: "filter-form", "aria-label": "Filter this list" });
  var words = element("input", { id: "filter-q", name: "q", type: "search", autocomplete: "off" });
  form.append(field("filter-q", "Words", words));
  var selects = {
    status: select("status", values("data-status"), statusLabels()),
    group: select("group", values("data-group")),
    owner: select("owner", values("data-owners", true)),
    year: select("year", values("data-year"))
  };
  var names = { status: "Status", group: "Group", owner: "Owner", year: "Year raised" };
  Object.keys(selects).forEach(function (name) {
    if (selects[name].options.length > 2) {
      form.append(field("filter-" + name, names[name], selects[name]));
    }
  });
  var overdue = element("input", { id: "filter-overdue", name: "overdue", type: "checkbox", value: "1" });
  var check = element("p", { class: "filter-check" });
  check.append(overdue, element("label", { for: "filter-overdue" }, "Overdue only"));
  form.append(check);
  var count = element("p", { class: "filter-count", role: "status" });
  box.append(form, count);
  box.hidden = false;

  function matches(row, state) {
    if (state.status && row.getAttribute("data-status") !== state.status) return false;
    if (state.group && row.getAttribute("data-group") !== state.group) return false;
    if (state.year && row.getAttribute("data-year") !== state.year) return false;
    if (state.owner && (row.getAttribute("data-owners") || "").split("|").indexOf(state.owner) < 0) {
      return false;
    }
    if (state.overdue && !row.hasAttribute("data-overdue")) return false;
    if (state.q) {
      var text = row.textContent.toLowerCase();
      return state.q.toLowerCase().split(/\s+/).every(function (word) {
        return text.indexOf(word) >= 0;
      });
    }
    return true;
  }

  function readState() {
    var state = { q: words.value.trim(), overdue: overdue.checked };
    Object.keys(selects).forEach(function (name) {
      state[name] = selects[name].value;
    });
    return state;
  }

  function apply(updateUrl) {
    var state = readState();
    var shown = 0;
    rows.forEach(function (row) {
      row.hidden = !matches(row, state);
      if (!row.hidden) shown += 1;
    });
    count.textContent = "Showing " + shown + " of " + rows.length + " action" + (rows.length === 1 ? "" : "s") + ".";
    if (updateUrl) {
      var params = new URLSearchParams();
      Object.keys(state).forEach(function (name) {
        if (state[name] === true) params.set(name, "1");
        else if (state[name]) params.set(name, state[name]);
      });
      var query = params.toString();
      history.replaceState(null, "", query ? "?" + query + location.hash : location.pathname + location.hash);
    }
  }

  var initial = new URLSearchParams(location.search);
  words.value = initial.get("q") || "";
  overdue.checked = initial.get("overdue") === "1";
  Object.keys(selects).forEach(function (name) {
    var wanted = initial.get(name);
    if (wanted && Array.prototype.some.call(selects[name].options, function (o) { return o.value === wanted; })) {
      selects[name].value = wanted;
    }
  });
  form.addEventListener("input", function () { apply(true); });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
  apply(false);
})();
