// The action and decision indexes: one filter and sortable columns over the whole list.
// The page shows a hundred rows; where scripts run, this fetches the whole index in brief
// (actions/rows.json or decisions/rows.json), then filters, sorts and pages it here, and the
// links that filter without script step aside. Opened from files (no fetch), it filters the
// rows of this page only, and the links stay. The filter lives in the query string
// (?status=open&owner=Dez+Holmes&sort=date), so a filtered list is a link to share.
(function () {
  "use strict";
  var box = document.getElementById("action-filter") || document.getElementById("decision-filter");
  var table = document.querySelector("table[data-filterable], table.decisions-table");
  if (!box || !table) return;
  var ACTIONS = box.id === "action-filter";
  var NOUN = ACTIONS ? "action" : "decision";
  var PAGE_ROWS = 100;
  var STATUS_ORDER = ["open", "in_progress", "closed", "dropped", "unknown"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var home = new URL(box.getAttribute("data-home"), location.href);
  var tbody = table.tBodies[0];
  var staticRows = Array.prototype.slice.call(tbody.rows);
  var links = document.getElementById("list-filters");
  var staticPager = document.querySelector(".list-pager");
  var preset = new URLSearchParams(box.getAttribute("data-preset") || "");
  var records = [];
  var everything = false; // true once the whole index is loaded
  var page = 1;

  function element(tag, attributes, text) {
    var el = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      el.setAttribute(name, attributes[name]);
    });
    if (text !== undefined && text !== null) el.textContent = text;
    return el;
  }

  function link(path, text) {
    return element("a", { href: new URL(path, home).href }, text);
  }

  function order(number) {
    // "1.10" after "1.9": each part as a number, padded for comparison as text.
    if (!number) return "~";
    return number.replace(/^d/i, "").split(".").map(function (part) {
      return ("000000" + (parseInt(part, 10) || 0)).slice(-6) + part.replace(/^\d+/, "");
    }).join(".");
  }

  // Records: the same fields whether read from the whole index or from this page's rows.
  function fromData(data) {
    var g = data.groups, m = data.meetings, o = data.owners;
    return data.rows.map(function (r, n) {
      var group = g[r[0]];
      var rec = ACTIONS
        ? { id: r[1], key: r[2], text: r[3], owners: r[4].map(function (i) { return o[i]; }),
            status: r[5], meeting: r[6] >= 0 ? m[r[6]] : null, anchor: r[7], overdue: !!r[8],
            withheld: !!r[9], votes: "" }
        : { id: r[1], key: r[2], text: r[3], owners: [], status: "", meeting: r[4] >= 0 ? m[r[4]] : null,
            anchor: r[5], votes: r[6], withheld: !!r[7], overdue: false };
      rec.index = n;
      rec.group = group[0];
      rec.groupUrl = group[1];
      rec.url = data.page.replace("{group}", group[2]).replace("{key}", rec.key);
      rec.statusLabel = data.statuses[rec.status] || "";
      return rec;
    });
  }

  function fromPage() {
    var groupColumn = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return th.textContent.trim();
    }).indexOf("Group");
    return staticRows.map(function (row, n) {
      var badge = row.querySelector(".status");
      var taken = row.querySelector("time");
      return {
        index: n, row: row, id: row.cells[0].textContent.trim(), text: row.textContent,
        group: row.getAttribute("data-group") || (groupColumn > 0 ? row.cells[groupColumn].textContent.trim() : ""),
        status: row.getAttribute("data-status") || "",
        statusLabel: badge ? badge.textContent : "",
        owners: (row.getAttribute("data-owners") || "").split("|").filter(Boolean).map(function (name) {
          return [name];
        }),
        year: row.getAttribute("data-year") || (taken ? taken.getAttribute("datetime").slice(0, 4) : ""),
        overdue: row.hasAttribute("data-overdue"),
        iso: taken ? taken.getAttribute("datetime") : "", search: row.textContent.toLowerCase()
      };
    });
  }

  function finish(rec) {
    if (rec.meeting) {
      rec.iso = rec.meeting[1];
      rec.year = rec.iso.slice(0, 4);
    }
    rec.iso = rec.iso || "";
    rec.year = rec.year || "";
    rec.number = rec.id ? rec.id.toLowerCase().replace(/^d/, "") : "";
    rec.search = rec.search || [rec.id, rec.text, rec.group, rec.statusLabel, rec.votes]
      .concat(rec.owners.map(function (owner) { return owner[0]; })).join(" ").toLowerCase();
    return rec;
  }

  function render(rec) {
    var tr = element("tr");
    var th = element("th", { scope: "row" });
    var name = link(rec.url, rec.id || "");
    if (!rec.id) {
      // As the pages name an unnumbered record: by its first words.
      var words = rec.text.split(/\s+/).filter(Boolean);
      name.append(element("span", { class: "unnumbered" }, "Unnumbered:"),
        " " + words.slice(0, 5).join(" ") + (words.length > 5 ? "…" : ""));
    }
    th.append(name);
    tr.append(th);
    // data-label: the column's name, shown beside the value where rows become cards.
    var what = element("td", { "data-label": ACTIONS ? "What" : "What was decided", class: "cell-text" });
    if (rec.withheld) {
      what.append(element("span", { class: "muted" }, ACTIONS
        ? "Not published: raised in an item taken in private"
        : "Not published: decided in an item taken in private"));
    } else if (rec.text) {
      what.textContent = rec.text;
    } else {
      what.append(element("span", { class: "muted" }, ACTIONS
        ? "Raised before the published record" : "Taken before the published record"));
    }
    tr.append(what);
    if (ACTIONS) {
      var owners = element("td", { "data-label": "Owner" });
      rec.owners.forEach(function (owner, n) {
        if (n) owners.append(", ");
        if (owner[1]) owners.append(link(owner[1], owner[0]));
        else if (owner[2] === "unresolved") {
          owners.append(element("span", { class: "unresolved", title: "Not matched to a person or body" }, owner[0]));
        } else owners.append(owner[0]);
      });
      if (!rec.owners.length) owners.textContent = "Not recorded";
      tr.append(owners);
    }
    var group = element("td", { "data-label": "Group" });
    group.append(link(rec.groupUrl, rec.group));
    tr.append(group);
    var when = element("td", { "data-label": ACTIONS ? "Raised" : "Taken" });
    if (rec.meeting) {
      var at = link(rec.meeting[0] + (rec.anchor ? "#" + rec.anchor : ""), "");
      at.append(element("time", { datetime: rec.iso }, rec.meeting[2]));
      when.append(at);
    } else {
      when.textContent = "Before the published record";
    }
    tr.append(when);
    var last = ACTIONS
      ? element("td", { "data-label": "Status", class: "cell-status" })
      : element("td", { "data-label": "Votes" });
    if (ACTIONS) {
      last.append(element("span", { class: "status status-" + rec.status }, rec.statusLabel));
      if (rec.overdue) last.append(" ", element("span", { class: "overdue" }, "overdue"));
    } else {
      last.textContent = rec.votes || "—";
    }
    tr.append(last);
    return tr;
  }

  // The form: built from the records, so it offers only values that occur.
  function values(pick) {
    var seen = {};
    records.forEach(function (rec) {
      pick(rec).forEach(function (v) { if (v) seen[v] = true; });
    });
    return Object.keys(seen).sort();
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

  var form, words, overdue, count, pager, selects = {};
  var NAMES = { status: "Status", group: "Group", owner: "Owner", year: ACTIONS ? "Year raised" : "Year taken" };
  var wanted = {}; // the values the address or the page asks the selects for

  function choices() {
    var statuses = values(function (r) { return [r.status]; }).sort(function (a, b) {
      return STATUS_ORDER.indexOf(a) - STATUS_ORDER.indexOf(b);
    });
    return {
      status: statuses,
      group: values(function (r) { return [r.group]; }),
      owner: values(function (r) { return r.owners.map(function (o) { return o[0]; }); }),
      year: values(function (r) { return [r.year]; }).reverse()
    };
  }

  // The selects offer the values of the records at hand: this page's rows, then the whole
  // index once it is loaded. A select keeps its place, its focus and its value where it can.
  function offerChoices() {
    var labels = {};
    records.forEach(function (rec) { if (rec.status) labels[rec.status] = rec.statusLabel; });
    var options = choices();
    var check = overdue ? overdue.parentNode : null;
    Object.keys(options).reverse().forEach(function (name) {
      var fresh = select(name, options[name], name === "status" ? labels : null);
      var control = selects[name];
      if (control) {
        var kept = control.value;
        control.replaceChildren.apply(control, Array.prototype.slice.call(fresh.options));
        control.value = kept;
        if (control.value !== kept) control.value = "";
      } else if (options[name].length > 1 || preset.get(name)) {
        control = selects[name] = fresh;
        var next = field("filter-" + name, NAMES[name], control);
        form.insertBefore(next, check);
        check = next;
      } else {
        return;
      }
      check = control.parentNode;
      if (wanted[name] && Array.prototype.some.call(control.options, function (o) { return o.value === wanted[name]; })) {
        control.value = wanted[name];
        delete wanted[name];
      }
    });
  }

  function buildForm() {
    form = element("form", { class: "filter-form", "aria-label": "Filter and sort this list" });
    words = element("input", { id: "filter-q", name: "q", type: "search", autocomplete: "off" });
    form.append(field("filter-q", ACTIONS ? "Words or action number" : "Words or decision number", words));
    if (ACTIONS) {
      overdue = element("input", { id: "filter-overdue", name: "overdue", type: "checkbox", value: "1" });
      var check = element("p", { class: "filter-check" });
      check.append(overdue, element("label", { for: "filter-overdue" }, "Overdue only"));
      form.append(check);
    }
    offerChoices();
    count = element("p", { class: "filter-count", role: "status" });
    pager = element("nav", { class: "pager list-pager", "aria-label": "Pages of " + NOUN + "s", hidden: "" });
    box.replaceChildren(form, count);
    table.after(pager);
    box.hidden = false;
    form.addEventListener("focusin", function () { use(false); });
    form.addEventListener("input", function () { page = 1; use(true); });
    form.addEventListener("change", function () { page = 1; use(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); use(true); });
  }

  // Sortable columns: a button in each header that has an order.
  var SORTS = { "Action": "number", "Decision": "number", "What": "text", "What was decided": "text",
    "Owner": "owner", "Group": "group", "Raised": "date", "Taken": "date", "Status": "status" };
  var sort = { key: "", descending: false };
  var headers = [];

  function sortKey(rec, key) {
    if (key === "number") return order(rec.id);
    if (key === "text") return rec.text.toLowerCase();
    if (key === "owner") return rec.owners.length ? rec.owners[0][0].toLowerCase() : "~";
    if (key === "group") return rec.group.toLowerCase();
    if (key === "date") return rec.iso || "0";
    if (key === "status") return String(STATUS_ORDER.indexOf(rec.status));
    return "";
  }

  function buildSorting() {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var key = SORTS[th.textContent.trim()];
      if (!key) return;
      var button = element("button", { type: "button", class: "sort" }, th.textContent.trim());
      th.replaceChildren(button);
      headers.push({ th: th, key: key });
      button.addEventListener("click", function () {
        sort = sort.key === key ? { key: key, descending: !sort.descending } : { key: key, descending: key === "date" };
        page = 1;
        apply(true);
      });
    });
  }

  function readState() {
    var state = { q: words.value.trim(), overdue: !!(overdue && overdue.checked) };
    Object.keys(selects).forEach(function (name) { state[name] = selects[name].value; });
    return state;
  }

  // "2.1", "A2.1", "action no. 2.1"; "D4.1", "resolution D4.1": by the one rule of
  // static/numbers.js. A number of the other kind ("D4.1" on the actions list) is words.
  function asNumber(query) {
    var numbers = window.siteGenNumbers;
    return numbers ? numbers.of(query, NOUN) : null;
  }

  function matches(rec, state) {
    if (state.status && rec.status !== state.status) return false;
    if (state.group && rec.group !== state.group) return false;
    if (state.year && rec.year !== state.year) return false;
    if (state.owner && !rec.owners.some(function (o) { return o[0] === state.owner; })) return false;
    if (state.overdue && !rec.overdue) return false;
    return true;
  }

  function hasWords(rec, state) {
    return state.q.toLowerCase().split(/\s+/).every(function (word) {
      return rec.search.indexOf(word) >= 0;
    });
  }

  function chosen(state) {
    var kept = records.filter(function (rec) { return matches(rec, state); });
    if (sort.key) {
      kept.sort(function (a, b) {
        var x = sortKey(a, sort.key), y = sortKey(b, sort.key);
        var by = x < y ? -1 : x > y ? 1 : a.index - b.index;
        return sort.descending && x !== y ? -by : by;
      });
    }
    if (!state.q) return kept;
    // A number ("2.1", "action 2.1", "A2.1") lists its exact matches first.
    var number = asNumber(state.q);
    var exact = number ? kept.filter(function (rec) { return rec.number === number; }) : [];
    var rest = kept.filter(function (rec) { return exact.indexOf(rec) < 0 && hasWords(rec, state); });
    return exact.concat(rest);
  }

  function drawPager(pages) {
    pager.replaceChildren();
    pager.hidden = pages < 2;
    if (pages < 2) return;
    var list = element("ul");
    var shown = {};
    [1, pages, page - 2, page - 1, page, page + 1, page + 2].forEach(function (n) {
      if (n >= 1 && n <= pages) shown[n] = true;
    });
    var numbers = Object.keys(shown).map(Number).sort(function (a, b) { return a - b; });
    numbers.forEach(function (n, i) {
      if (i && n - numbers[i - 1] > 1) list.append(element("li", { "aria-hidden": "true" }, "…"));
      var item = element("li");
      var button = element("button", { type: "button" }, String(n));
      button.prepend(element("span", { class: "visually-hidden" }, "Page "));
      if (n === page) button.setAttribute("aria-current", "page");
      button.addEventListener("click", function () {
        page = n;
        apply(true);
        table.scrollIntoView();
      });
      item.append(button);
      list.append(item);
    });
    pager.append(list);
  }

  function apply(updateUrl) {
    var state = readState();
    var kept = chosen(state);
    var pages = Math.max(1, Math.ceil(kept.length / PAGE_ROWS));
    page = Math.min(page, pages);
    var shown = kept.slice((page - 1) * PAGE_ROWS, page * PAGE_ROWS);
    tbody.replaceChildren.apply(tbody, shown.map(function (rec) {
      if (!rec.row) rec.row = render(rec);
      return rec.row;
    }));
    headers.forEach(function (h) {
      if (h.key === sort.key) h.th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
      else h.th.removeAttribute("aria-sort");
    });
    drawPager(pages);
    var total = records.length;
    count.textContent = "Showing " + kept.length + " of " + total + " " + NOUN + (total === 1 ? "" : "s") + "." +
      (pages > 1 ? " Page " + page + " of " + pages + "." : "") +
      (everything ? "" : " (This page's rows only.)");
    if (updateUrl) {
      var params = new URLSearchParams();
      Object.keys(state).forEach(function (name) {
        if (state[name] === true) params.set(name, "1");
        else if (state[name] && state[name] !== preset.get(name)) params.set(name, state[name]);
      });
      if (sort.key) params.set("sort", (sort.descending ? "-" : "") + sort.key);
      if (page > 1) params.set("page", String(page));
      var query = params.toString();
      history.replaceState(null, "", query ? "?" + query + location.hash : location.pathname + location.hash);
    }
  }

  // The whole index (rows.json) is fetched when the reader first uses the filter, not with
  // the page: a reader who never filters downloads nothing more than the page. Until then the
  // page is as the build wrote it, with its links that filter and its pages.
  var loaded = false, loading = false, changed = false;

  function use(change) {
    changed = changed || change;
    if (loaded) {
      if (change) apply(true);
      return;
    }
    if (loading) return;
    loading = true;
    count.textContent = "Loading every " + NOUN + "…";
    fetch(new URL(box.getAttribute("data-rows"), location.href))
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        records = fromData(data).map(finish);
        everything = true;
        // One filter: the links that filter without script, and the pages, step aside.
        if (links) links.hidden = true;
        if (staticPager) staticPager.hidden = true;
        offerChoices();
      })
      .catch(function () {
        // Opened from files (no fetch): this page's rows, as they are.
      })
      .then(function () {
        loaded = true;
        apply(changed);
      });
  }

  function start() {
    records = fromPage().map(finish);
    var initial = new URLSearchParams(location.search);
    Object.keys(NAMES).forEach(function (name) {
      wanted[name] = initial.has(name) ? initial.get(name) : preset.get(name);
    });
    buildForm();
    buildSorting();
    words.value = initial.get("q") || "";
    if (overdue) overdue.checked = initial.get("overdue") === "1";
    var sorted = initial.get("sort") || "";
    if (sorted) sort = { key: sorted.replace(/^-/, ""), descending: sorted.charAt(0) === "-" };
    page = parseInt(initial.get("page") || "1", 10) || 1;
    // An address that filters (a shared link, the reader's own going back) is a use.
    if (["q", "overdue", "sort", "page"].concat(Object.keys(NAMES)).some(function (name) {
      return initial.has(name);
    })) use(false);
  }

  start();
})();
