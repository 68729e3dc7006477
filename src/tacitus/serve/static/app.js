// Tacitus page: map, timeline, table and evidence view over the HTTP API.
// Plain JS, no build step. Type and text filters go to the server; the date range
// (date inputs or the timeline's brush) filters what the server sent, so the
// timeline keeps showing the whole span to brush over.
"use strict";

const PAGE = 1000;            // rows per API call (the API's maximum)
const MAX_EVENTS = 20000;     // a page that shows more is unreadable anyway
const TOKEN_KEY = "tacitus-review-token";
const WHO_KEY = "tacitus-reviewer";
const TYPE_COLOURS = d3.schemeTableau10;
// Evidence highlights: the usual fields keep one colour from event to event.
const FIELD_ORDER = ["sub_event_type", "actor1", "actor2", "location", "event_date", "fatalities", "source",
                     "injured_low", "tags", "assoc_actor_1"];
const FIELD_COLOURS = ["#ffe066", "#9ad0ff", "#a8e6a1", "#ff9b9b", "#d4b8ff", "#f4a3d7", "#8ee3d8", "#e0c097",
                       "#c0c8ff", "#e2e2a0"];
// What the legend calls each field (the column names are for scripts, not for readers).
const FIELD_LABELS = { sub_event_type: "Event type", actor1: "Actor 1", actor2: "Actor 2", location: "Place",
                       event_date: "Date", fatalities: "Deaths", source: "Source", injured_low: "Injured",
                       tags: "Tags", assoc_actor_1: "Associated actor", assoc_actor_2: "Associated actor 2" };
const fieldLabel = (field) => FIELD_LABELS[field]
  || field.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
// The two ways to look at the data: one row per real event, or one per article's report.
const LEVELS = { incident: { path: "/api/incidents", noun: "incidents" },
                 event: { path: "/api/events", noun: "reports" } };
const DAY = 24 * 3600 * 1000;

const state = {
  level: "incident", // "incident" (one row per real event) or "event" (one per report)
  error: null,       // the API's message when it refused the filters
  report: null,      // the report (event id) shown in the evidence view
  events: [],        // what the server returned for the type and text filters
  shown: [],         // those within the date range
  dateFrom: null,    // "YYYY-MM-DD" or null
  dateTo: null,
  selected: null,    // event_id_cnty of the selected row (an incident's id at the incident level)
  reportEvent: null, // the shown report's record, for the review form
  typeColour: d3.scaleOrdinal(TYPE_COLOURS),
  world: null,
  correctable: [],
  zoomScale: 1,      // markers keep their size on screen when the map is zoomed
};

const $ = (selector) => document.querySelector(selector);

function el(tag, attributes = {}, text = null) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== null) node.textContent = text;
  return node;
}

// --- data ------------------------------------------------------------------------

function serverFilters() {
  const params = new URLSearchParams();
  const type = $("#filter-type").value;
  const text = $("#filter-text").value.trim();
  if (type) params.set("event_type", type);
  if (text) params.set("q", text);
  return params;
}

async function getJson(url, options = {}) {
  const response = await fetch(url, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(problem(body, response.status));
  return body;
}

function problem(body, status) {
  const detail = body && body.detail;
  if (Array.isArray(detail)) return detail.map((d) => d.msg).join("; ");
  return detail || `HTTP ${status}`;
}

// An incident row is its merged record, with the ids of the reports it merges.
const asRow = (item) => (item.incident_id ? { ...item.event, reports: item.event_ids } : item);

async function fetchEvents(params) {
  const events = [];
  for (let offset = 0; offset < MAX_EVENTS; offset += PAGE) {
    const query = new URLSearchParams(params);
    query.set("limit", PAGE);
    query.set("offset", offset);
    const page = await getJson(`${LEVELS[state.level].path}?${query}`);
    events.push(...page.items.map(asRow));
    if (events.length >= page.total || page.items.length === 0) break;
  }
  return events;
}

async function reload() {
  const params = serverFilters();
  try {
    state.events = await fetchEvents(params);
    state.error = null;
  } catch (error) {
    state.events = [];
    state.error = error.message;
  }
  showError();
  updateDownloads(params);
  drawTimeline();
  applyDates();
}

function showError() {
  const message = $("#message");
  message.hidden = !state.error;
  message.textContent = state.error ? `The server refused this search: ${state.error}` : "";
}

function updateDownloads(params) {
  const query = new URLSearchParams(params);
  query.set("level", state.level);
  if (state.dateFrom) query.set("date_from", state.dateFrom);
  if (state.dateTo) query.set("date_to", state.dateTo);
  $("#download-csv").href = `/events.csv?${query}`;
  $("#download-geojson").href = `/events.geojson?${query}`;
}

function applyDates() {
  state.shown = state.events.filter((e) => e.event_date
    && (!state.dateFrom || e.event_date >= state.dateFrom)
    && (!state.dateTo || e.event_date <= state.dateTo));
  $("#count").textContent = `${state.shown.length} of ${state.events.length} ${LEVELS[state.level].noun}`;
  updateDownloads(serverFilters());
  drawMarkers();
  drawTable();
  markTimeline();
}

// --- map ---------------------------------------------------------------------------

function mapSize() {
  const box = $("#map").getBoundingClientRect();
  return [box.width || 800, box.height || 420];
}

function drawMap() {
  const svg = d3.select("#map");
  const [width, height] = mapSize();
  svg.attr("viewBox", `0 0 ${width} ${height}`);
  const countries = topojson.feature(state.world, state.world.objects.countries);
  state.projection = d3.geoNaturalEarth1();
  state.path = d3.geoPath(state.projection);
  const layer = svg.append("g").attr("class", "layer");
  layer.append("g").attr("class", "countries");
  layer.append("g").attr("class", "markers");
  state.countries = countries;
  svg.call(d3.zoom().scaleExtent([1, 40]).on("zoom", (event) => {
    state.zoomScale = event.transform.k;
    layer.attr("transform", event.transform);
    layer.selectAll(".event-marker").attr("r", (d) => radius(d) / state.zoomScale);
  }));
}

function fitToData() {
  // Zoom to the data's extent, with at least a few degrees around a lone event.
  const [width, height] = mapSize();
  const points = state.shown.filter(hasPlace).map((e) => [e.longitude, e.latitude]);
  let target = { type: "Sphere" };
  if (points.length) {
    const [minLon, maxLon] = d3.extent(points, (p) => p[0]);
    const [minLat, maxLat] = d3.extent(points, (p) => p[1]);
    const pad = 4;
    target = { type: "MultiPoint", coordinates: [[minLon - pad, minLat - pad], [maxLon + pad, maxLat + pad],
                                                   [minLon - pad, maxLat + pad], [maxLon + pad, minLat - pad]] };
  }
  state.projection.fitExtent([[20, 20], [width - 20, height - 20]], target);
  d3.select("#map .countries").selectAll("path").data(state.countries.features)
    .join("path").attr("class", "country").attr("d", state.path);
}

const hasPlace = (e) => e.latitude !== null && e.longitude !== null;
let radiusScale = d3.scaleSqrt().range([4, 22]);
const radius = (e) => radiusScale(e.fatalities || 0);

function drawMarkers() {
  fitToData();
  radiusScale = radiusScale.domain([0, d3.max(state.shown, (e) => e.fatalities || 0) || 1]);
  const placed = state.shown.filter(hasPlace).sort((a, b) => (b.fatalities || 0) - (a.fatalities || 0));
  d3.select("#map .markers").selectAll("circle").data(placed, (e) => e.event_id_cnty)
    .join("circle")
    .attr("class", (e) => "event-marker" + (e.event_id_cnty === state.selected ? " selected" : ""))
    .attr("data-id", (e) => e.event_id_cnty)
    .attr("cx", (e) => state.projection([e.longitude, e.latitude])[0])
    .attr("cy", (e) => state.projection([e.longitude, e.latitude])[1])
    .attr("r", (e) => radius(e) / state.zoomScale)
    .attr("fill", (e) => state.typeColour(e.event_type))
    .on("click", (_, e) => select(e.event_id_cnty))
    .selectAll("title").data((e) => [e]).join("title")
    .text((e) => `${e.event_date} ${e.sub_event_type}, ${e.location}: ${e.fatalities ?? "?"} dead`);
  drawTypeLegend();
}

function drawTypeLegend() {
  const legend = $("#type-legend");
  legend.replaceChildren();
  for (const type of [...new Set(state.events.map((e) => e.event_type))].sort()) {
    const item = el("span", {}, type);
    item.style.setProperty("--colour", state.typeColour(type));
    legend.append(item);
  }
}

// --- timeline ------------------------------------------------------------------------

function drawTimeline() {
  const svg = d3.select("#timeline");
  svg.selectAll("*").remove();
  const box = $("#timeline").getBoundingClientRect();
  const width = Math.round(box.width) || 800, height = box.height || 110, margin = { l: 30, r: 10, t: 8, b: 20 };
  svg.attr("viewBox", `0 0 ${width} ${height}`);
  const days = state.events.filter((e) => e.event_date).map((e) => d3.utcDay.floor(new Date(e.event_date)));
  if (!days.length) return;
  const [first, last] = d3.extent(days);
  const x = d3.scaleUtc().domain([first, new Date(+last + DAY)]).range([margin.l, width - margin.r]);
  const counts = d3.rollups(days, (v) => v.length, (d) => +d);
  const y = d3.scaleLinear().domain([0, d3.max(counts, (c) => c[1])]).nice().range([height - margin.b, margin.t]);
  const barWidth = Math.max(2, x(new Date(+first + DAY)) - x(first) - 1);
  svg.append("g").selectAll("rect").data(counts).join("rect")
    .attr("class", "bar").attr("data-day", (c) => new Date(c[0]).toISOString().slice(0, 10))
    .attr("x", (c) => x(new Date(c[0]))).attr("width", barWidth)
    .attr("y", (c) => y(c[1])).attr("height", (c) => y(0) - y(c[1]));
  svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - margin.b})`)
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))));
  // Counts are whole numbers: only integer ticks, at most three of them.
  const wholeTicks = y.ticks(3).filter(Number.isInteger);
  svg.append("g").attr("class", "axis").attr("transform", `translate(${margin.l},0)`)
    .call(d3.axisLeft(y).tickValues(wholeTicks).tickFormat(d3.format("d")));
  state.timeWidth = width;
  state.timeX = x;
  state.brush = d3.brushX().extent([[margin.l, margin.t], [width - margin.r, height - margin.b]])
    .on("end", brushed);
  state.brushLayer = svg.append("g").attr("class", "brush").call(state.brush);
  moveBrush();
}

function brushed(event) {
  if (!event.sourceEvent) return;  // moved by the date inputs, not by the user
  if (!event.selection) {
    setDates(null, null);
  } else {
    const [from, to] = event.selection.map(state.timeX.invert);
    setDates(iso(d3.utcDay.round(from)), iso(new Date(+d3.utcDay.round(to) - DAY)));
  }
}

const iso = (date) => date.toISOString().slice(0, 10);

function moveBrush() {
  if (!state.brush) return;
  if (!state.dateFrom && !state.dateTo) {
    state.brushLayer.call(state.brush.move, null);
    return;
  }
  const [lo, hi] = state.timeX.domain();
  const from = state.dateFrom ? new Date(state.dateFrom) : lo;
  const to = state.dateTo ? new Date(+new Date(state.dateTo) + DAY) : hi;
  state.brushLayer.call(state.brush.move, [state.timeX(from), state.timeX(to)].map((v) =>
    Math.min(Math.max(v, state.timeX.range()[0]), state.timeX.range()[1])));
}

function markTimeline() {
  d3.selectAll("#timeline .bar").classed("outside", function () {
    const day = this.getAttribute("data-day");
    return (state.dateFrom && day < state.dateFrom) || (state.dateTo && day > state.dateTo);
  });
}

function setDates(from, to) {
  state.dateFrom = from;
  state.dateTo = to;
  $("#filter-from").value = from || "";
  $("#filter-to").value = to || "";
  applyDates();
}

// --- table ---------------------------------------------------------------------------

function drawTable() {
  const body = $("#events-table tbody");
  body.replaceChildren();
  for (const e of state.shown) {
    const row = el("tr", { class: "event-row", "data-id": e.event_id_cnty });
    if (e.event_id_cnty === state.selected) row.classList.add("selected");
    const type = el("td", { class: "dot", title: e.event_type }, e.sub_event_type);
    type.style.setProperty("--colour", state.typeColour(e.event_type));
    row.append(el("td", {}, e.event_date || "?"), type, el("td", {}, e.actor1), el("td", {}, e.actor2 || "–"),
               el("td", {}, e.location || "?"), el("td", {}, e.country || "?"),
               el("td", {}, e.fatalities === null ? "?" : String(e.fatalities)));
    row.addEventListener("click", () => select(e.event_id_cnty));
    body.append(row);
  }
}

// --- evidence --------------------------------------------------------------------------

function markSelected(rowId) {
  d3.selectAll("#map .event-marker").classed("selected", (e) => e.event_id_cnty === rowId);
  document.querySelectorAll("#events-table tr.event-row").forEach((row) =>
    row.classList.toggle("selected", row.dataset.id === rowId));
}

// A row is selected; the evidence view shows one report: the incident's first, or the
// one picked from its list of reports.
async function select(rowId, reportId = null) {
  state.selected = rowId;
  markSelected(rowId);
  const row = state.events.find((e) => e.event_id_cnty === rowId);
  const reports = row && row.reports ? row.reports : [rowId];
  const eventId = reportId || reports[0];
  state.report = eventId;
  listReports(rowId, reports, eventId);
  const detail = await getJson(`/api/events/${encodeURIComponent(eventId)}`);
  state.reportEvent = detail.event;
  const article = await getJson(`/api/articles/${encodeURIComponent(detail.event.article_id)}`);
  const coded = article.events.find((x) => x.event.event_id_cnty === eventId);
  showEvidence(article, coded || { event: detail.event, rejected: detail.rejected, place_reason: "",
                                   decisions: [], incident_explanation: [] });
}

function listReports(rowId, reports, shown) {
  const list = $("#reports");
  list.replaceChildren();
  $("#reports-title").hidden = state.level !== "incident";
  if (state.level !== "incident") return;
  for (const id of reports) {
    const button = el("button", { type: "button", "data-id": id }, id);
    button.addEventListener("click", () => select(rowId, id));
    const item = el("li", id === shown ? { class: "shown" } : {});
    item.append(button);
    list.append(item);
  }
}

function closeEvidence() {
  $("#evidence").hidden = true;
  state.selected = state.report = null;
  markSelected(null);
}

function showEvidence(article, coded) {
  const e = coded.event;
  $("#evidence").hidden = false;
  $("#evidence-title").textContent = `${e.sub_event_type} in ${e.location || "?"}, ${e.event_date || "?"}`
    + (coded.rejected ? " (rejected)" : "");
  $("#evidence-meta").textContent = [article.title, article.outlet, article.published].filter(Boolean).join(" · ");
  const record = $("#evidence-record");
  record.replaceChildren();
  const facts = [["Event type", `${e.event_type} / ${e.sub_event_type}`], ["Actor 1", e.actor1],
                 ["Actor 2", e.actor2 || "–"], ["Place", [e.location, e.admin1, e.country].filter(Boolean).join(", ")],
                 ["Date", e.event_date], ["Fatalities", e.fatalities === null ? "unknown" : e.fatalities],
                 ["Confidence", e.confidence], ["Id", e.event_id_cnty]];
  for (const [name, value] of facts) record.append(el("dt", {}, name), el("dd", {}, String(value ?? "")));
  showDecisions(coded.decisions);
  const colours = fieldColours(Object.keys(e.evidence));
  drawFieldLegend(colours);
  const box = $("#article-text");
  // Offsets index the text the event was coded from; without it (an article stored by an
  // older Tacitus) the words are listed, never highlighted at offsets of another text.
  $("#text-note").hidden = article.text_as_coded;
  showEvidenceWords(article.text_as_coded ? {} : e.evidence);
  box.replaceChildren(...(article.text_as_coded ? highlighted(article.text, e.evidence, colours)
                                                : [document.createTextNode(article.text)]));
  const first = box.querySelector("mark");  // bring the first highlighted words into view
  box.scrollTop = first ? Math.max(0, first.offsetTop - box.offsetTop - 40) : 0;
  $("#place-reason").textContent = coded.place_reason || "–";
  const list = $("#incident-explanation");
  list.replaceChildren();
  const lines = coded.incident_explanation.length ? coded.incident_explanation
    : ["Reported by this article only: not merged with other reports."];
  for (const line of lines) list.append(el("li", {}, line));
  fillReviewValue();
}

// The rules that made, dated, placed, typed and merged the event, as stored when it was
// coded: one line a step ("made by  event_cue (sentence 1)").
function showDecisions(decisions) {
  const list = $("#decisions");
  list.replaceChildren();
  if (!decisions.length) {
    list.append(el("dt", {}, "–"), el("dd", {}, "no trace was stored with this event"));
    return;
  }
  for (const { step, rule } of decisions) {
    list.append(el("dt", {}, step), el("dd", step === "withheld" ? { class: "withheld" } : {}, rule));
  }
}

// Each field's words (the spans' own text), for an article whose coded text was not kept.
function showEvidenceWords(evidence) {
  const list = $("#evidence-words");
  list.replaceChildren();
  for (const [field, spans] of Object.entries(evidence)) {
    list.append(el("dt", {}, fieldLabel(field)), el("dd", {}, spans.map((s) => `“${s.text}”`).join(" · ")));
  }
  list.hidden = !list.children.length;
}

function fieldColours(fields) {
  const ordered = [...FIELD_ORDER.filter((f) => fields.includes(f)),
                   ...fields.filter((f) => !FIELD_ORDER.includes(f)).sort()];
  const colours = {};
  for (const field of ordered) {
    const known = FIELD_ORDER.indexOf(field);
    const slot = known >= 0 ? known : FIELD_ORDER.length + Object.keys(colours).length;
    colours[field] = FIELD_COLOURS[slot % FIELD_COLOURS.length];
  }
  return colours;
}

function drawFieldLegend(colours) {
  const legend = $("#field-legend");
  legend.replaceChildren();
  for (const [field, colour] of Object.entries(colours)) {
    const item = el("span", { "data-field": field, title: field }, fieldLabel(field));
    item.style.setProperty("--colour", colour);
    legend.append(item);
  }
}

// The text cut at every span boundary; each piece inside spans becomes a <mark>
// coloured by its first field (a second field underlines it), titled with all.
function highlighted(text, evidence, colours) {
  const cuts = new Set([0, text.length]);
  const spans = [];
  for (const [field, list] of Object.entries(evidence)) {
    for (const span of list) {
      if (span.start < 0 || span.end > text.length || span.start >= span.end) continue;
      spans.push({ field, start: span.start, end: span.end });
      cuts.add(span.start);
      cuts.add(span.end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const piece = text.slice(start, end);
    const fields = [...new Set(spans.filter((s) => s.start <= start && end <= s.end).map((s) => s.field))];
    if (!fields.length) { nodes.push(document.createTextNode(piece)); continue; }
    const mark = el("mark", { "data-fields": fields.join(" "), title: fields.join(", ") }, piece);
    mark.style.setProperty("--colour", colours[fields[0]]);
    if (fields.length > 1) {
      mark.classList.add("several");
      mark.style.setProperty("--second", colours[fields[1]]);
    }
    nodes.push(mark);
  }
  return nodes;
}

// --- review ------------------------------------------------------------------------------

async function loadCorrectable() {
  // The correctable fields are the API's own list, read from its OpenAPI document.
  const spec = await getJson("/openapi.json");
  state.correctable = spec.components.schemas.CorrectionIn.properties.field.enum;
  const select = $("#review-field");
  for (const field of state.correctable) select.append(el("option", { value: field }, field));
}

function fillReviewValue() {
  const event = state.reportEvent;
  const field = $("#review-field").value;
  $("#review-value").value = event && event[field] !== null && event[field] !== undefined ? event[field] : "";
}

async function review(path, body) {
  const status = $("#review-status");
  const token = $("#review-token").value.trim();
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.setItem(WHO_KEY, $("#review-who").value.trim());
  try {
    const result = await getJson(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ who: $("#review-who").value.trim() || "anonymous", ...body }),
    });
    const c = result.correction;
    status.className = "ok";
    status.textContent = c.action === "set" ? `Saved: ${c.field} = ${c.value} (was ${c.old_value || "empty"})`
      : `Saved: ${c.action}` + (result.incident_id ? `; now in incident ${result.incident_id}` : "");
    const [selected, report] = [state.selected, state.report];
    await reload();
    const row = state.events.find((e) => e.event_id_cnty === selected)
      || state.events.find((e) => (e.reports || [e.event_id_cnty]).includes(report));
    if (row) await select(row.event_id_cnty, report);
  } catch (error) {
    status.className = "error";
    status.textContent = error.message;
  }
}

function wireReview() {
  $("#review-token").value = sessionStorage.getItem(TOKEN_KEY) || "";
  $("#review-who").value = sessionStorage.getItem(WHO_KEY) || "";
  $("#review-field").addEventListener("change", fillReviewValue);
  $("#review").addEventListener("submit", (event) => {
    event.preventDefault();
    review(`/api/events/${encodeURIComponent(state.report)}/corrections`,
           { field: $("#review-field").value, value: $("#review-value").value });
  });
  $("#review-reject").addEventListener("click", () =>
    review(`/api/events/${encodeURIComponent(state.report)}/reject`, {}));
  $("#review-merge").addEventListener("click", () =>
    review("/api/incidents/merge", { event_id: state.report, other_event_id: $("#review-other").value.trim() }));
  $("#review-split").addEventListener("click", () => review("/api/incidents/split", { event_id: state.report }));
}

// --- live updates ----------------------------------------------------------------------
// New reports (stored by `tacitus watch` or an ingest) and review actions show without a
// reload: every few seconds the page asks what changed since the last cursor it saw.

const POLL_MS = 3000;

async function startLiveUpdates() {
  // The cursor is read before the first load, so nothing stored meanwhile is missed.
  state.cursor = (await getJson("/api/incidents?limit=1")).cursor;
  setTimeout(pollChanges, POLL_MS);
}

async function pollChanges() {
  try {
    if (!document.hidden) {
      const changed = await getJson(`/api/incidents?since=${state.cursor}&limit=1`);
      if (changed.cursor !== state.cursor) {
        if (changed.total > 0) await reload();
        state.cursor = changed.cursor;
        document.body.dataset.cursor = String(state.cursor);
      }
    }
  } catch (error) {
    // The server may be restarting: ask again next time.
  }
  setTimeout(pollChanges, POLL_MS);
}

// --- start ---------------------------------------------------------------------------------

function wireFilters() {
  // Enter in the text box searches at once; the form never reloads the page.
  $("#filters").addEventListener("submit", (event) => { event.preventDefault(); reload(); });
  $("#filter-type").addEventListener("change", reload);
  document.querySelectorAll("#level input").forEach((input) => input.addEventListener("change", () => {
    state.level = input.value;
    closeEvidence();
    reload();
  }));
  let typing;
  $("#filter-text").addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(reload, 300); });
  $("#filter-from").addEventListener("change", () => { setDates($("#filter-from").value || null, state.dateTo); moveBrush(); });
  $("#filter-to").addEventListener("change", () => { setDates(state.dateFrom, $("#filter-to").value || null); moveBrush(); });
  $("#filter-reset").addEventListener("click", () => {
    $("#filter-type").value = "";
    $("#filter-text").value = "";
    state.dateFrom = state.dateTo = null;
    $("#filter-from").value = $("#filter-to").value = "";
    reload();
  });
  $("#evidence-close").addEventListener("click", closeEvidence);
}

// The timeline is drawn for its width: redraw it when the evidence view opens or closes,
// or the window changes, rather than let the browser squeeze the drawing.
function watchTimelineWidth() {
  new ResizeObserver(() => {
    const width = Math.round($("#timeline").getBoundingClientRect().width);
    if (state.timeWidth && width && width !== state.timeWidth) {
      drawTimeline();
      markTimeline();
    }
  }).observe($("#timeline"));
}

async function start() {
  state.world = await getJson("/static/vendor/countries-110m.json");
  drawMap();
  wireFilters();
  watchTimelineWidth();
  wireReview();
  await loadCorrectable();
  await startLiveUpdates();
  await reload();
  const types = [...new Set(state.events.map((e) => e.event_type))].sort();
  state.typeColour.domain(types);
  for (const type of types) $("#filter-type").append(el("option", { value: type }, type));
  drawMarkers();
  drawTable();
  document.body.dataset.ready = "true";
}

start();
