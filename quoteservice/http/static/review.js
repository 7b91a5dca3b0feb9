// The review page: an article with its quotes highlighted in their speaker's colour, and the archive's
// search and clusters. It calls the HTTP/JSON API (/v1/…) like any other client; offsets in the API are
// code point indexes, so texts are sliced as arrays of code points, never as UTF-16 strings.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { quotes: [], speakers: [], colours: new Map(), selected: -1, hasArchive: false };

// -- small helpers -------------------------------------------------------------------------------------
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "style") for (const [p, x] of Object.entries(v)) el.style.setProperty(p, x);
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

async function api(path, body) {
  const init = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" },
                                          body: JSON.stringify(body) };
  const resp = await fetch(path, init);
  const data = await resp.json().catch(() => ({}));
  if (!resp.ok) {
    const err = new Error(data.message || `${resp.status} ${resp.statusText}`);
    err.status = resp.status;
    throw err;
  }
  return data;
}

const short = (enumName) => (enumName || "").replace(/^(QUOTE_TYPE|ATTRIBUTION_METHOD|SPEAKER_KIND)_/, "").toLowerCase();

function status(id, text, isError = false) {
  const el = $(id);
  el.textContent = text;
  el.classList.toggle("error", isError);
}

function colour(i) {
  const hue = Math.round((i * 137.508 + 205) % 360);
  return { bg: `hsl(${hue} 78% 86%)`, ink: `hsl(${hue} 65% 30%)` };
}
const GREY = { bg: "#e3e5e8", ink: "#4b5563" };

// -- the article view ----------------------------------------------------------------------------------
// Every quote, cue and speaker-mention span cuts the text; each piece knows the innermost quote over it and
// whether it is a cue or a mention (one sweep over the sorted cuts).
function pieces(length, items) {
  const cuts = new Set([0, length]);
  const starts = new Map();
  for (const it of items) {
    it.start = Math.max(0, Math.min(length, it.start));
    it.end = Math.max(it.start, Math.min(length, it.end));
    cuts.add(it.start); cuts.add(it.end);
    if (!starts.has(it.start)) starts.set(it.start, []);
    starts.get(it.start).push(it);
  }
  const points = [...cuts].sort((a, b) => a - b);
  let active = [];
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    active = active.filter((it) => it.end > a).concat((starts.get(a) || []).filter((it) => it.end > a));
    out.push({ start: a, end: b, active });
  }
  return out;
}

function spanItems(quotes) {
  const items = [];
  const seen = new Set();
  quotes.forEach((q, i) => {
    items.push({ kind: "q", q: i, start: q.start, end: q.end });
    for (const [kind, sp] of [["cue", q.cue], ["mention", q.speaker_mention]]) {
      if (!sp || sp.end <= sp.start) continue;
      const key = `${kind}:${sp.start}:${sp.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      items.push({ kind, q: i, start: sp.start, end: sp.end });
    }
  });
  return items;
}

function colourOf(q) {
  return (q.speaker && state.colours.get(q.speaker.id)) || GREY;
}

function renderArticle(text, quotes, speakers, title) {
  state.quotes = quotes;
  state.speakers = speakers;
  state.selected = -1;
  state.colours = new Map();
  speakers.forEach((sp, i) => state.colours.set(sp.id, colour(i)));
  const cps = Array.from(text);
  const root = $("article");
  root.replaceChildren();
  const firstPiece = new Set();
  for (const piece of pieces(cps.length, spanItems(quotes))) {
    const chunk = cps.slice(piece.start, piece.end).join("");
    const qs = piece.active.filter((it) => it.kind === "q");
    const marks = piece.active.filter((it) => it.kind !== "q");
    if (!qs.length && !marks.length) { root.append(chunk); continue; }
    const inner = qs.reduce((best, it) => (!best || it.end - it.start < best.end - best.start ? it : best), null);
    const el = h("span", {});
    if (inner) {
      const q = quotes[inner.q];
      el.classList.add("q");
      el.dataset.q = inner.q;
      el.style.setProperty("--c", colourOf(q).bg);
      if (!firstPiece.has(inner.q)) {
        firstPiece.add(inner.q);
        el.tabIndex = 0;
        el.setAttribute("role", "button");
        el.setAttribute("aria-label", `Quote ${inner.q + 1}, ${short(q.type)}, by ${q.speaker ? q.speaker.name : "no named speaker"}`);
      }
    }
    for (const m of marks) {
      el.classList.add(m.kind);
      el.style.setProperty("--u", colourOf(quotes[m.q]).ink);
      if (!inner) el.dataset.of = m.q;
    }
    el.textContent = chunk;
    root.append(el);
  }
  $("article-title").hidden = !title;
  $("article-title").textContent = title || "";
  $("legend").hidden = !quotes.length;
  renderSpeakers();
  $("details").replaceChildren(h("p", { class: "hint" }, quotes.length ? "No quote selected." : "No quotes found."));
}

function renderSpeakers() {
  const counts = new Map();
  let unnamed = 0;
  for (const q of state.quotes) {
    if (q.speaker && q.speaker.id) counts.set(q.speaker.id, (counts.get(q.speaker.id) || 0) + 1);
    else unnamed++;
  }
  const list = $("speakers");
  list.replaceChildren();
  for (const sp of state.speakers) {
    const n = counts.get(sp.id) || 0;
    if (!n) continue;
    list.append(h("li", { "data-speaker": sp.id },
      h("span", { class: "swatch", style: { "--c": state.colours.get(sp.id).bg }, "aria-hidden": "true" }),
      h("span", { class: "who" },
        h("button", { type: "button", class: "link", title: "Select this speaker's next quote",
                      onclick: () => nextQuoteOf(sp.id) }, sp.name),
        " ", h("code", {}, sp.id)),
      h("span", { class: "count", title: "quotes" }, String(n))));
  }
  if (unnamed) {
    list.append(h("li", { "data-speaker": "" }, h("span", { class: "swatch", style: { "--c": GREY.bg } }),
      h("span", { class: "who" }, "no named speaker"), h("span", { class: "count" }, String(unnamed))));
  }
}

function nextQuoteOf(speakerId) {
  const n = state.quotes.length;
  for (let k = 1; k <= n; k++) {
    const i = (state.selected + k + n) % n;
    const q = state.quotes[i];
    if (q.speaker && q.speaker.id === speakerId) { select(i, true); return; }
  }
}

function select(i, scroll = false) {
  document.querySelectorAll("#article .sel").forEach((el) => el.classList.remove("sel"));
  state.selected = i;
  const els = document.querySelectorAll(`#article [data-q="${i}"]`);
  els.forEach((el) => el.classList.add("sel"));
  if (scroll && els.length) { els[0].scrollIntoView({ block: "center" }); els[0].focus({ preventScroll: true }); }
  renderDetails(state.quotes[i]);
}

function renderDetails(q) {
  const c = colourOf(q);
  const rows = [
    ["Type", short(q.type)],
    ["Speaker", q.speaker && q.speaker.id ? [q.speaker.name, " ", h("code", {}, q.speaker.id)] : "none named"],
    ["Mention", q.speaker_mention ? `“${q.speaker_mention.text}”` : "—"],
    ["Cue", q.cue ? `“${q.cue.text}”` : "—"],
    ["Confidence", typeof q.confidence === "number" ? q.confidence.toFixed(2) : "—"],
    ["Method", short(q.method) || "—"],
    ["Via", q.via ? [q.via.name, " ", h("code", {}, q.via.id)] : "—"],
    ["Cluster", q.cluster_id === undefined || q.cluster_id === null ? "—"
      : h("a", { href: `#cluster=${q.cluster_id}` }, `cluster ${q.cluster_id}`)],
    ["Span", `${q.start}–${q.end}`],
  ];
  if (q.speaker && q.speaker.role) rows.splice(2, 0, ["Role", q.speaker.role]);
  if (q.rule) rows.push(["Rule", h("code", {}, q.rule)]);
  $("details").replaceChildren(
    h("blockquote", { style: { "--c": c.ink } }, q.text),
    h("dl", {}, rows.map(([k, v]) => [h("dt", {}, k), h("dd", { "data-field": k.toLowerCase() }, v)])));
}

async function extractPasted(ev) {
  ev.preventDefault();
  const text = $("article-text").value;
  if (!text.trim()) { status("status", "Paste an article first.", true); return; }
  status("status", "Extracting…");
  try {
    const r = await api("/v1/quotes:extract", { document: { id: "pasted", text } });
    renderArticle(text, r.quotes, r.speakers, "");
    status("status", summary(r.quotes, r.speakers));
  } catch (e) {
    status("status", `Could not extract: ${e.message}`, true);
  }
}

function summary(quotes, speakers) {
  const named = new Set(quotes.filter((q) => q.speaker && q.speaker.id).map((q) => q.speaker.id));
  return `${quotes.length} quote${quotes.length === 1 ? "" : "s"}, ${named.size} speaker${named.size === 1 ? "" : "s"}`;
}

async function openDocument(id) {
  showTab("article");
  status("status", `Opening ${id}…`);
  try {
    const got = await api(`/v1/documents/${encodeURIComponent(id)}`);
    const doc = got.document;
    const r = await api("/v1/quotes:extract", { document: { id: doc.id, text: doc.text } });
    const clusters = new Map(got.quotes.map((q) => [`${q.start}:${q.end}`, q.cluster_id]));
    for (const q of r.quotes) q.cluster_id = clusters.get(`${q.start}:${q.end}`) ?? null;
    $("article-text").value = doc.text;
    $("doc-select").value = doc.id;
    const meta = [doc.outlet, doc.published_at ? doc.published_at.slice(0, 10) : ""].filter(Boolean).join(", ");
    renderArticle(doc.text, r.quotes, r.speakers, (doc.title || doc.id) + (meta ? ` (${meta})` : ""));
    status("status", `${doc.id}: ${summary(r.quotes, r.speakers)}`);
  } catch (e) {
    status("status", `Could not open ${id}: ${e.message}`, true);
  }
}

// -- the archive view ----------------------------------------------------------------------------------
async function probeArchive() {
  try {
    const r = await api("/v1/documents?page_size=1000");
    state.hasArchive = true;
    const select = $("doc-select");
    select.replaceChildren(...r.documents.map((d) => h("option", { value: d.id },
      `${d.title || d.id}${d.outlet ? ` · ${d.outlet}` : ""} (${d.quote_count})`)));
    $("archive-open").hidden = !r.documents.length;
  } catch (e) {
    state.hasArchive = false;
  }
  $("no-archive").hidden = state.hasArchive;
  for (const id of ["search-form", "list-clusters", "altered-only"]) $(id).disabled = !state.hasArchive;
  $("search-form").querySelectorAll("input, button").forEach((el) => { el.disabled = !state.hasArchive; });
}

async function search(ev) {
  ev.preventDefault();
  const params = new URLSearchParams();
  for (const f of ["speaker", "text", "outlet"]) {
    const v = $(`search-${f}`).value.trim();
    if (v) params.set(f, v);
  }
  status("archive-status", "Searching…");
  try {
    const r = await api(`/v1/quotes?${params}`);
    renderResults(r.quotes);
    status("archive-status", `${r.quotes.length} quote${r.quotes.length === 1 ? "" : "s"}`);
  } catch (e) {
    $("results").replaceChildren();
    status("archive-status", `Search failed: ${e.message}`, true);
  }
}

function renderResults(quotes) {
  const cells = (q) => [
    ["Date", (q.published_at || "").slice(0, 10)], ["Outlet", q.outlet], ["Speaker", q.speaker_name || "—"],
    ["Quote", h("span", { class: "text" }, q.text)], ["Type", q.type], ["Via", q.via ? q.via.name : "—"],
    ["Open", [h("a", { href: `#doc=${encodeURIComponent(q.doc_id)}` }, "article"),
              q.cluster_id !== null ? [" · ", h("a", { href: `#cluster=${q.cluster_id}` }, "cluster")] : ""]],
  ];
  const head = h("tr", {}, cells({ via: null, cluster_id: null }).map(([k]) => h("th", { scope: "col" }, k)));
  $("results").replaceChildren(h("table", {}, h("thead", {}, head),
    h("tbody", {}, quotes.map((q) => h("tr", {}, cells(q).map(([k, v]) => h("td", { "data-label": k }, v)))))));
}

async function listClusters() {
  const only = $("altered-only").checked;
  status("archive-status", "Loading clusters…");
  try {
    const r = await api(`/v1/clusters?altered_only=${only}`);
    $("clusters").replaceChildren(...r.clusters.map((c) => h("li", {},
      h("a", { href: `#cluster=${c.id}` }, `${c.speaker.name}: “${clip(c.canonical_text, 90)}”`),
      ` · ${new Set(c.members.map((m) => m.doc_id)).size} articles`,
      c.altered ? h("span", { class: "badge" }, "altered") : "")));
    status("archive-status", `${r.clusters.length} cluster${r.clusters.length === 1 ? "" : "s"}`);
  } catch (e) {
    status("archive-status", `Could not list clusters: ${e.message}`, true);
  }
}

const clip = (s, n) => (Array.from(s).length > n ? Array.from(s).slice(0, n).join("") + "…" : s);

// A direct member's text with its differences from the canonical text marked: <ins> words the canonical text
// lacks ("[rockets]"), <mark class=replace> words put differently, <del> the canonical words it leaves out.
function markedText(text, diff) {
  const cps = Array.from(text);
  const out = [];
  let at = 0;
  for (const e of [...diff].sort((a, b) => a.member_start - b.member_start)) {
    out.push(cps.slice(at, e.member_start).join(""));
    const words = cps.slice(e.member_start, e.member_end).join("");
    if (e.op === "insert") out.push(h("ins", { title: "not in the canonical text" }, words));
    else if (e.op === "replace") out.push(h("mark", { class: "replace", title: `canonical: ${e.canonical}` }, words));
    else out.push(words, h("del", { title: "left out of this version" }, e.canonical));
    at = Math.max(at, e.member_end);
  }
  out.push(cps.slice(at).join(""));
  return out;
}

async function showCluster(id) {
  showTab("archive");
  const view = $("cluster-view");
  try {
    const { cluster: c } = await api(`/v1/clusters/${encodeURIComponent(id)}`);
    let canonShown = false;
    const cards = c.members.map((m) => {
      const canon = !canonShown && m.text === c.canonical_text;
      canonShown = canonShown || canon;
      const first = m.doc_id === c.first_seen.doc_id && m.start === c.first_seen.start;
      const note = canon ? "canonical version" : m.type !== "direct" ? `${m.type} report`
        : m.diff.length ? `${m.diff.length} difference${m.diff.length === 1 ? "" : "s"}` : "same words";
      return h("div", { class: `member${canon ? " canon" : ""}`, "data-doc": m.doc_id },
        h("h3", {}, [m.outlet || "unknown outlet", m.published_at ? ` · ${m.published_at.slice(0, 10)}` : ""]),
        h("p", { class: "meta" }, h("a", { href: `#doc=${encodeURIComponent(m.doc_id)}` }, m.doc_id),
          m.via ? ` · via ${m.via.name}` : "", first ? " · first seen" : "", ` · ${note}`),
        h("p", { class: "text" }, "“", markedText(m.text, m.diff || []), "”"));
    });
    view.replaceChildren(
      h("h2", {}, `Cluster ${c.id}: ${c.speaker.name} `, h("code", {}, c.speaker.id),
        c.altered ? h("span", { class: "badge" }, "altered") : ""),
      h("p", {}, h("strong", {}, "Canonical text: "), `“${c.canonical_text}”`),
      h("p", { class: "legend" }, h("ins", {}, "inserted"), " ", h("mark", { class: "replace" }, "replaced"), " ",
        h("del", {}, "left out"), " · against the canonical text, case and punctuation ignored"),
      h("div", { class: "members" }, cards));
    view.focus({ preventScroll: true });
    view.scrollIntoView({ block: "start" });
  } catch (e) {
    view.replaceChildren(h("p", { class: "error" }, `Could not open cluster ${id}: ${e.message}`));
  }
}

// -- tabs and links ------------------------------------------------------------------------------------
function showTab(name) {
  for (const t of ["article", "archive"]) {
    const on = t === name;
    $(`tab-${t}`).setAttribute("aria-selected", String(on));
    $(`tab-${t}`).tabIndex = on ? 0 : -1;
    $(`view-${t}`).hidden = !on;
  }
}

function route() {
  const m = /^#(doc|cluster)=(.+)$/.exec(location.hash);
  if (!m) return;
  const id = decodeURIComponent(m[2]);
  if (m[1] === "doc") openDocument(id); else showCluster(id);
}

function init() {
  $("extract-form").addEventListener("submit", extractPasted);
  $("open-doc").addEventListener("click", () => { location.hash = `doc=${encodeURIComponent($("doc-select").value)}`; });
  $("search-form").addEventListener("submit", search);
  $("list-clusters").addEventListener("click", listClusters);
  for (const t of ["article", "archive"]) $(`tab-${t}`).addEventListener("click", () => showTab(t));
  document.querySelector("[role=tablist]").addEventListener("keydown", (ev) => {
    if (ev.key !== "ArrowLeft" && ev.key !== "ArrowRight") return;
    const next = $("tab-article").getAttribute("aria-selected") === "true" ? "archive" : "article";
    showTab(next);
    $(`tab-${next}`).focus();
  });
  const article = $("article");
  const quoteOf = (target) => {
    const el = target.closest("[data-q], [data-of]");
    return el ? Number(el.dataset.q ?? el.dataset.of) : -1;
  };
  article.addEventListener("click", (ev) => { const i = quoteOf(ev.target); if (i >= 0) select(i); });
  article.addEventListener("keydown", (ev) => {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    const i = quoteOf(ev.target);
    if (i >= 0) { ev.preventDefault(); select(i); }
  });
  window.addEventListener("hashchange", route);
  probeArchive().then(route);
}

document.addEventListener("DOMContentLoaded", init);
