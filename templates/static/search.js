// Search page: runs the query in the browser against the Pagefind index that site-gen built
// into pagefind/. The form also works as a plain GET form, so a search is a shareable URL:
// search.html?q=poverty&group=Evidence+Group
const form = document.getElementById("search-form");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const FIELDS = ["kind", "group", "year"];
const MAX_RESULTS = 20;
const SHARDS = new Set((form.dataset.idShards || "").split(" "));

// The query as an action's or decision's number ({ kind, number }), or null: read by the one
// rule of static/numbers.js; a bare number ("2.1") is an action's.
function asNumber(query) {
  const numbers = window.siteGenNumbers;
  return numbers ? numbers.read(query, "action") : null;
}

// The records with exactly that number, one per group: search/ids/<leading number>.json.
async function exactMatches(query, filters) {
  const wanted = asNumber(query);
  if (!wanted) return [];
  const major = String(parseInt(wanted.number, 10));
  if (!SHARDS.has(major)) return [];
  try {
    const response = await fetch(new URL(form.dataset.ids.replace("{n}", major), location.href));
    if (!response.ok) return [];
    const { ids } = await response.json();
    return ids.filter(
      (e) =>
        e.kind === wanted.kind &&
        e.number === wanted.number &&
        (!filters.kind || filters.kind.toLowerCase() === e.kind) &&
        (!filters.group || filters.group === e.group) &&
        (!filters.year || e.date.startsWith(filters.year))
    );
  } catch (error) {
    return [];
  }
}

// Result URLs are made from the site's root: the folder this page is in.
function siteUrl(path) {
  return new URL(path, new URL(".", location.href)).href;
}

function renderExact(entry) {
  const li = document.createElement("li");
  li.className = "exact-match";
  const heading = document.createElement("h2");
  heading.append(link(siteUrl(entry.page), entry.title));
  li.append(heading);
  const p = document.createElement("p");
  p.className = "muted";
  const kind = entry.kind === "action" ? "Action" : "Decision";
  p.textContent = [`Exact match: ${kind} ${entry.number.toUpperCase()}`, entry.group, entry.status]
    .filter(Boolean)
    .join(" · ");
  li.append(p);
  return li;
}

async function loadPagefind() {
  try {
    const pagefind = await import(new URL(form.dataset.pagefind, location.href).href);
    // Result URLs are made from the site's root: the folder this page is in.
    await pagefind.options({ baseUrl: new URL(".", location.href).pathname, excerptLength: 24 });
    return pagefind;
  } catch (error) {
    return null;
  }
}

// Pagefind's excerpts are text with <mark> around the matched words: keep exactly that.
function excerpt(html) {
  const p = document.createElement("p");
  const parsed = new DOMParser().parseFromString(`<div>${html}</div>`, "text/html");
  for (const node of parsed.body.firstChild.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      p.append(mark);
    } else {
      p.append(document.createTextNode(node.textContent));
    }
  }
  return p;
}

function link(url, text) {
  const a = document.createElement("a");
  a.href = url;
  a.textContent = text;
  return a;
}

function renderResult(data) {
  const li = document.createElement("li");
  const heading = document.createElement("h2");
  heading.append(link(data.url, data.meta.title || data.url));
  li.append(heading);
  const facts = [data.filters.kind, data.filters.group, data.filters.year]
    .filter((values) => values && values.length)
    .map((values) => values.join(", "));
  if (facts.length) {
    const p = document.createElement("p");
    p.className = "muted";
    p.textContent = facts.join(" · ");
    li.append(p);
  }
  // Sub-results follow headings with ids: for minutes, the agenda items.
  const sections = (data.sub_results || []).filter((sub) => sub.anchor);
  if (sections.length) {
    const ul = document.createElement("ul");
    ul.className = "search-sections";
    for (const sub of sections.slice(0, 3)) {
      const item = document.createElement("li");
      item.append(link(sub.url, sub.title), excerpt(sub.excerpt));
      ul.append(item);
    }
    li.append(ul);
  } else {
    li.append(excerpt(data.excerpt));
  }
  return li;
}

function readForm() {
  const values = new FormData(form);
  const query = (values.get("q") || "").trim();
  const filters = {};
  for (const name of FIELDS) {
    const value = values.get(name);
    if (value) filters[name] = value;
  }
  return { query, filters };
}

function fillForm(params) {
  form.elements.q.value = params.get("q") || "";
  for (const name of FIELDS) form.elements[name].value = params.get(name) || "";
}

function shareableUrl() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (value) params.set(name, value);
  const query = params.toString();
  return query ? `?${query}` : location.pathname;
}

let latest = 0;

async function run(pagefind) {
  const { query, filters } = readForm();
  const ticket = ++latest;
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  const [exact, search] = await Promise.all([
    exactMatches(query, filters),
    pagefind.search(query || null, { filters }),
  ]);
  if (ticket !== latest) return; // a newer search has started
  const found = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  if (ticket !== latest) return;
  // The exact matches first; the full-text results after them, without the same pages again.
  const exactPages = new Set(exact.map((e) => siteUrl(e.page)));
  const results = found.filter((r) => !exactPages.has(new URL(r.url, location.href).href));
  list.replaceChildren(...exact.map(renderExact), ...results.map(renderResult));
  const n = search.results.length - (found.length - results.length);
  const words = query ? ` for “${query}”` : "";
  const first = exact.length
    ? `${exact.length} exact match${exact.length === 1 ? "" : "es"} and `
    : "";
  const other = exact.length ? " other" : "";
  status.textContent = `${first}${n}${other} result${n === 1 ? "" : "s"}${words}${n > MAX_RESULTS ? `, the first ${MAX_RESULTS} shown` : ""}.`;
}

async function main() {
  // The page says search needs JavaScript until JavaScript runs (<noscript> would say
  // nothing when only module scripts are blocked, as they are for pages opened from files).
  document.getElementById("search-needs-js").hidden = true;
  fillForm(new URLSearchParams(location.search));
  const pagefind = await loadPagefind();
  if (!pagefind) {
    status.textContent =
      "Search is not available on this copy of the site: its search index was not built, " +
      "or the site is opened from files rather than served by a web server.";
    return;
  }
  await pagefind.init();
  let timer;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    history.replaceState(null, "", shareableUrl());
    run(pagefind);
  });
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      history.replaceState(null, "", shareableUrl());
      run(pagefind);
    }, 250);
  });
  await run(pagefind);
}

main();
