// Claimwire explorer: a claims table with filters, a claim view with its quote
// and fact, an SVG timeline and a live feed. Plain DOM, no framework, no build.
// Text from the API is only ever set with textContent, never parsed as HTML.
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const SVG = "http://www.w3.org/2000/svg";
// Okabe–Ito: colours that stay apart for colour-blind readers.
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8a7a00", "#555555"];

function el(tag, attrs = {}, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) n.setAttribute(k, v);
  n.append(...kids.filter((k) => k !== undefined && k !== null && k !== false));
  return n;
}

function svg(tag, attrs = {}, ...kids) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  n.append(...kids);
  return n;
}

const metricLabel = (m) => String(m || "").replaceAll("_", " ");
const day = (s) => String(s || "").slice(0, 10);
function hostOf(u) {
  try { return new URL(u).hostname.replace(/^www\./, ""); } catch { return u || ""; }
}

class AuthNeeded extends Error {}

// api fetches JSON; a 401 brings up the token form, other errors carry the
// server's {"error": ...} message.
async function api(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  if (res.status === 401) {
    $("#token-form").hidden = false;
    $("#token-input").focus();
    throw new AuthNeeded("this server needs an access token");
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
  return body;
}

function showError(target, err) {
  target.textContent = err instanceof AuthNeeded ? "Enter the access token above to continue." : `Could not load: ${err.message}`;
}

// --- the claims table -------------------------------------------------------

const FILTERS = ["subject", "metric", "since", "until", "q"];
let nextCursor = "";
let currentParams = new URLSearchParams();

function paramsFromForm() {
  const p = new URLSearchParams();
  const form = $("#filters");
  for (const name of FILTERS) {
    const v = form.elements[name].value.trim();
    if (v) p.set(name, v);
  }
  return p;
}

function fillForm(p) {
  const form = $("#filters");
  for (const name of FILTERS) form.elements[name].value = p.get(name) || "";
}

function claimRow(c) {
  const tags = [];
  if (c.modality && c.modality !== "actual") tags.push(el("span", { class: `tag ${c.modality}` }, c.modality));
  const value = el("a", { href: `#/claim/${encodeURIComponent(c.id)}`, "aria-label": `${c.display} — open claim` }, c.display);
  return el("tr", { "data-id": c.id },
    el("td", { "data-label": "Published" }, el("time", { datetime: day(c.source.published) }, day(c.source.published))),
    el("td", { "data-label": "Subject" }, c.subject),
    el("td", { "data-label": "Metric" }, metricLabel(c.metric)),
    el("td", { class: "num", "data-label": "Value" }, value, ...tags),
    el("td", { "data-label": "Segment" }, c.segment || "—"),
    el("td", { "data-label": "Source" }, el("a", { href: c.source.url, rel: "noopener noreferrer", target: "_blank", title: c.source.title || "" }, hostOf(c.source.url))));
}

async function loadClaims(p, append) {
  const status = $("#claims-status");
  const q = new URLSearchParams(p);
  if (append && nextCursor) q.set("cursor", nextCursor);
  status.textContent = "Loading…";
  try {
    const data = await api(`/api/claims?${q}`);
    const body = $("#claims tbody");
    if (!append) body.replaceChildren();
    body.append(...data.claims.map(claimRow));
    nextCursor = data.next || "";
    $("#more").hidden = !nextCursor;
    const n = body.rows.length;
    status.textContent = n === 0 ? "No claims match these filters." : `${n} claim${n === 1 ? "" : "s"}${nextCursor ? " shown, more available" : ""}.`;
  } catch (err) {
    showError(status, err);
  }
}

function showList(p) {
  currentParams = p;
  $("#claim-view").hidden = true;
  $("#explore").hidden = false;
  fillForm(p);
  const csv = new URLSearchParams(p);
  csv.set("format", "csv");
  $("#csv-link").href = `/api/claims?${csv}`;
  loadClaims(p, false);
  const panel = $("#timeline");
  if (p.get("subject") && p.get("metric")) {
    renderTimeline(panel, p.get("subject"), p.get("metric"), "");
  } else {
    panel.hidden = true;
  }
}

// --- one claim ---------------------------------------------------------------

function claimLink(c) {
  return el("a", { href: `#/claim/${encodeURIComponent(c.id)}` }, c.display);
}

function sourceItem(c) {
  return el("li", {}, claimLink(c), " — ",
    el("a", { href: c.source.url, rel: "noopener noreferrer", target: "_blank" }, c.source.title || hostOf(c.source.url)),
    el("span", { class: "status" }, ` (${hostOf(c.source.url)}, ${day(c.source.published)})`));
}

function renderFields(c) {
  const rows = [
    ["Subject", c.subject], ["Segment", c.segment], ["Metric", metricLabel(c.metric)],
    ["Value", `${c.display} (${String(c.qualifier || "").replaceAll("_", " ")})`], ["Period", c.period],
    ["Basis", c.basis], ["Modality", c.modality], ["Attribution", c.attribution], ["Counterparty", c.counterparty],
  ];
  $("#claim-fields").replaceChildren(...rows.filter(([, v]) => v).flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}

function renderFact(f) {
  const panel = $("#fact");
  panel.hidden = !f;
  if (!f) return;
  const summary = [`${f.subject} · ${metricLabel(f.metric)}`];
  if (f.segment) summary.push(f.segment);
  if (f.counterparty) summary.push(`with ${f.counterparty}`);
  if (f.period) summary.push(f.period);
  const p = $("#fact-summary");
  p.replaceChildren(`${summary.join(" · ")}: most sources say `, el("strong", {}, f.display),
    `, corroborated by ${f.corroboration} independent source${f.corroboration === 1 ? "" : "s"}`);
  if (f.conflict) p.append(". ", el("span", { class: "conflict-text" }, "Sources disagree."));
  const list = (items) => (items.length ? items.map(sourceItem) : [el("li", { class: "status" }, "none")]);
  $("#fact-agreeing").replaceChildren(...list(f.agreeing));
  $("#fact-conflicting").replaceChildren(...list(f.conflicting));
  const count = (cs) => {
    const hosts = new Set(cs.map((c) => hostOf(c.source.url))).size;
    return `${hosts} source${hosts === 1 ? "" : "s"}, ${cs.length} claim${cs.length === 1 ? "" : "s"}`;
  };
  $("#agree-h").textContent = `Agreeing: ${count(f.agreeing)}`;
  $("#conflict-h").textContent = `Conflicting: ${count(f.conflicting)}`;
}

async function showClaim(id) {
  $("#explore").hidden = true;
  const view = $("#claim-view");
  view.hidden = false;
  $("#back-link").href = `#/?${currentParams}`;
  const h = $("#claim-h");
  h.textContent = "Loading…";
  try {
    const d = await api(`/api/claims/${encodeURIComponent(id)}`);
    const c = d.claim;
    h.textContent = `${c.subject} · ${metricLabel(c.metric)} · ${c.display}`;
    $("#claim-quote").replaceChildren(d.quote_before, d.figure ? el("mark", {}, d.figure) : "", d.quote_after);
    $("#claim-quote").setAttribute("cite", d.document.url);
    const kind = [d.document.kind, d.document.form].filter(Boolean).join(" ");
    $("#claim-source").replaceChildren("— ",
      el("a", { href: d.document.url, rel: "noopener noreferrer", target: "_blank" }, d.document.title || d.document.url),
      `, ${hostOf(d.document.url)}`, d.document.published ? `, ${day(d.document.published)}` : "", kind ? ` (${kind})` : "");
    renderFields(c);
    renderFact(d.fact);
    $("#sibling-list").replaceChildren(...(d.same_document.length
      ? d.same_document.map((o) => el("li", {}, claimLink(o), ` ${o.subject} · ${metricLabel(o.metric)}${o.segment ? " · " + o.segment : ""}`))
      : [el("li", { class: "status" }, "none")]));
    renderTimeline($("#claim-timeline"), c.subject, c.metric, c.id);
    h.focus();
  } catch (err) {
    showError(h, err);
  }
}

// --- the timeline chart ---------------------------------------------------------

function niceTicks(lo, hi, n = 5) {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => span / s <= n) || mag * 10;
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(v);
  return ticks;
}

// fmtTick mirrors claim.FormatValue's scaling for axis labels only; every
// value shown as data comes formatted from the server.
function fmtTick(v, unit) {
  if (unit === "percent") return `${+v.toFixed(1)}%`;
  if (unit === "pp") return `${+v.toFixed(1)} pp`;
  const steps = unit === "W" ? ["W", "kW", "MW", "GW", "TW"] : ["", "K", "M", "B", "T"];
  let a = v, i = 0;
  while (Math.abs(a) >= 1000 && i < steps.length - 1) { a /= 1000; i++; }
  const num = `${+a.toFixed(1)}${unit === "W" ? " " : ""}${steps[i]}`;
  if (unit === "USD") return v < 0 ? `-$${num.slice(1)}` : `$${num}`;
  return num;
}

// chartGeometry maps dates and values to a drawing as wide as its container,
// so text stays at its real size from phone to desktop.
function chartGeometry(points, width) {
  const W = Math.round(Math.max(300, Math.min(900, width || 640)));
  const H = W < 500 ? 220 : 260;
  const m = { l: 58, r: 18, t: 14, b: 30 };
  const xs = points.map((p) => Date.parse(day(p.published)) || 0);
  let x0 = Math.min(...xs), x1 = Math.max(...xs);
  const pad = Math.max((x1 - x0) * 0.04, 864e5 * 10);
  x0 -= pad; x1 += pad;
  const vals = points.flatMap((p) => [p.claim.value, p.claim.value_max ?? p.claim.value]);
  let y0 = Math.min(0, ...vals), y1 = Math.max(0, ...vals);
  if (y1 === y0) y1 = y0 + 1;
  const ticks = niceTicks(y0, y1, W < 500 ? 4 : 5);
  y0 = Math.min(y0, ticks[0]); y1 = Math.max(y1, ticks[ticks.length - 1]);
  const x = (t) => m.l + ((t - x0) / (x1 - x0)) * (W - m.l - m.r);
  const y = (v) => H - m.b - ((v - y0) / (y1 - y0)) * (H - m.t - m.b);
  return { W, H, m, xs, x, y, ticks, x0, x1 };
}

// dodge spreads points that would sit on top of each other (same value, a
// few pixels apart) side by side around their place, so every one stays visible.
function dodge(pos) {
  const order = pos.map((_, i) => i).sort((a, b) => pos[a].cy - pos[b].cy || pos[a].cx - pos[b].cx);
  let group = [];
  const flush = () => {
    group.forEach((i, k) => { pos[i].cx += (k - (group.length - 1) / 2) * 11; });
    group = [];
  };
  for (const i of order) {
    const last = group[group.length - 1];
    if (last !== undefined && (Math.abs(pos[i].cy - pos[last].cy) > 3 || pos[i].cx - pos[last].cx > 11)) flush();
    group.push(i);
  }
  flush();
  return pos;
}

function drawChart(points, currentID, width) {
  const g = chartGeometry(points, width);
  const unit = points[0].claim.unit;
  const colors = new Map();
  for (const p of points) {
    const h = hostOf(p.claim.source.url);
    if (!colors.has(h)) colors.set(h, PALETTE[colors.size % PALETTE.length]);
  }
  const root = svg("svg", { viewBox: `0 0 ${g.W} ${g.H}`, role: "img", "aria-labelledby": "chart-title" },
    svg("title", { id: "chart-title" }, `${points.length} figures over time, coloured by source`));
  for (const v of g.ticks) {
    root.append(svg("line", { class: "grid", x1: g.m.l, x2: g.W - g.m.r, y1: g.y(v), y2: g.y(v) }),
      svg("text", { class: "tick", x: g.m.l - 6, y: g.y(v) + 4, "text-anchor": "end" }, fmtTick(v, unit)));
  }
  root.append(svg("line", { class: "axis", x1: g.m.l, x2: g.W - g.m.r, y1: g.H - g.m.b, y2: g.H - g.m.b }));
  const dates = g.W < 500 ? [g.x0, g.x1] : [g.x0, (g.x0 + g.x1) / 2, g.x1];
  dates.forEach((t, i) => {
    const anchor = i === 0 ? "start" : i === dates.length - 1 ? "end" : "middle";
    root.append(svg("text", { class: "tick", x: g.x(t), y: g.H - 10, "text-anchor": anchor }, new Date(t).toISOString().slice(0, 10)));
  });
  const pos = dodge(points.map((p, i) => ({ cx: g.x(g.xs[i]), cy: g.y(p.claim.value) })));
  points.forEach((p, i) => {
    const c = p.claim, host = hostOf(c.source.url), color = colors.get(host);
    const { cx, cy } = pos[i];
    const label = `${c.display} — ${host}, ${day(p.published)}${p.conflict ? " (conflicts with other sources)" : ""}`;
    const a = svg("a", { href: `#/claim/${encodeURIComponent(c.id)}`, "aria-label": label });
    if (c.value_max != null) a.append(svg("line", { class: "range", x1: cx, x2: cx, y1: cy, y2: g.y(c.value_max), stroke: color }));
    if (p.conflict) a.append(svg("circle", { class: "conflict-ring", cx, cy, r: 10 }));
    a.append(svg("circle", { class: `point${c.id === currentID ? " current" : ""}`, cx, cy, r: 6, fill: color, "data-source": host, "data-conflict": p.conflict },
      svg("title", {}, label)));
    root.append(a);
  });
  return { root, colors };
}

async function renderTimeline(panel, subject, metric, currentID) {
  const chart = $(".chart", panel), legend = $(".legend", panel);
  $("h3", panel).textContent = `Timeline: ${subject} · ${metricLabel(metric)}`;
  panel.hidden = false;
  chart.replaceChildren(el("p", { class: "status" }, "Loading…"));
  legend.replaceChildren();
  try {
    const data = await api(`/api/timeline?${new URLSearchParams({ subject, metric })}`);
    if (data.points.length === 0) {
      chart.replaceChildren(el("p", { class: "status" }, "No figures for this subject and metric."));
      return;
    }
    const { root, colors } = drawChart(data.points, currentID, chart.clientWidth);
    const conflicts = data.points.filter((p) => p.conflict).length;
    chart.replaceChildren(root, el("p", { class: "status" },
      `${data.points.length} figure${data.points.length === 1 ? "" : "s"} from ${colors.size} source${colors.size === 1 ? "" : "s"}` +
      (conflicts ? `, ${conflicts} in conflict` : "")));
    for (const [host, color] of colors) {
      const sw = el("span", { class: "swatch" });
      sw.style.background = color;
      legend.append(el("li", {}, sw, host));
    }
    if (conflicts) legend.append(el("li", {}, el("span", { class: "swatch ring" }), "conflicting figure"));
  } catch (err) {
    showError(chart, err);
  }
}

// --- the live feed ------------------------------------------------------------------

let live = null;

function startLive() {
  if (live) live.close();
  const status = $("#live-status"), list = $("#live-list");
  live = new EventSource("/api/events");
  live.addEventListener("open", () => { status.textContent = "Listening for new figures."; });
  live.addEventListener("claim", (e) => {
    const c = JSON.parse(e.data);
    const now = new Date();
    const li = el("li", { class: "new", "data-id": c.id },
      el("time", { datetime: now.toISOString() }, now.toLocaleTimeString()),
      el("a", { href: `#/claim/${encodeURIComponent(c.id)}` }, `${c.subject} ${metricLabel(c.metric)} ${c.display}`),
      el("span", { class: "status" }, ` — ${hostOf(c.source.url)}`));
    list.prepend(li);
    while (list.children.length > 50) list.lastElementChild.remove();
    status.textContent = `Listening. Last figure at ${now.toLocaleTimeString()}.`;
  });
  live.addEventListener("error", () => {
    status.textContent = live.readyState === EventSource.CLOSED
      ? "Live feed unavailable on this server." : "Connection lost, reconnecting…";
  });
}

// --- wiring ----------------------------------------------------------------------------

async function loadVocabulary() {
  try {
    const [subjects, metrics] = await Promise.all([api("/api/subjects"), api("/api/metrics")]);
    $("#subject-list").replaceChildren(...subjects.subjects.slice(0, 500).map((s) => el("option", { value: s.subject }, `${s.claims} claims`)));
    const sel = $("#f-metric");
    sel.replaceChildren(el("option", { value: "" }, "any"),
      ...metrics.metrics.map((m) => el("option", { value: m.metric }, `${metricLabel(m.metric)} (${m.claims})`)));
    sel.value = currentParams.get("metric") || "";
  } catch (err) {
    if (!(err instanceof AuthNeeded)) console.warn("vocabulary:", err);
  }
}

function route() {
  const hash = location.hash.replace(/^#/, "");
  const m = hash.match(/^\/claim\/([^/?]+)$/);
  if (m) {
    showClaim(decodeURIComponent(m[1]));
    return;
  }
  const q = hash.indexOf("?");
  showList(new URLSearchParams(q >= 0 ? hash.slice(q + 1) : ""));
}

function init() {
  $("#filters").addEventListener("submit", (e) => {
    e.preventDefault();
    location.hash = `#/?${paramsFromForm()}`;
  });
  $("#filters").addEventListener("reset", (e) => {
    e.preventDefault();
    location.hash = "#/";
  });
  $("#more").addEventListener("click", () => loadClaims(currentParams, true));
  $("#token-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const token = $("#token-input").value.trim();
    document.cookie = `claimwire_token=${encodeURIComponent(token)}; path=/; SameSite=Strict`;
    $("#token-form").hidden = true;
    loadVocabulary();
    startLive();
    route();
  });
  window.addEventListener("hashchange", route);
  loadVocabulary();
  startLive();
  route();
}

document.addEventListener("DOMContentLoaded", init);
