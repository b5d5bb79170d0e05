// drift operator page: reads the public API (/drift/...) and renders four views chosen by the URL
// fragment: #/events?filters (the list), #/events/{id} (one drift), #/cis/{ci} (one machine) and
// #/timeline. Every value from the API goes into the page through textContent or attributes, never
// through innerHTML, so a hostile value in a config file cannot run script here.
"use strict";

const TOKEN_KEY = "drift.token";
const PAGE_SIZE = 25;
const STATUSES = ["open", "acknowledged", "remediating", "escalated", "excepted", "expected", "resolved"];
const SEVERITIES = ["critical", "high", "warning", "info"];
const CATEGORIES = ["configuration", "package", "network", "state", "security", "firmware"];
// Acting on these would be refused (409): resolved is final, the suppressed ones are not acted on.
const FINAL_OR_SUPPRESSED = ["resolved", "excepted", "expected"];

// The API lives beside the page: /ui/ -> /drift/, also behind a proxy that adds a path prefix.
const API_ROOT = new URL("../drift", document.baseURI).pathname;

// ---- DOM helpers: build elements from data without ever parsing it as HTML ----

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function badge(kind, value) {
  return el("span", { class: `badge ${kind}-${value}` }, value ?? "—");
}

/** A JSON value as an operator reads it: strings bare, absent as "(absent)", the rest as JSON. */
function show(value) {
  if (value === null || value === undefined) return el("span", { class: "muted" }, "(absent)");
  return el("pre", {}, typeof value === "string" ? value : JSON.stringify(value, null, 2));
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : "—";
}

function props(rows) {
  return el("table", { class: "props" },
    rows.map(([label, value, id]) => el("tr", {}, el("th", {}, label), el("td", { id }, value))));
}

function message(text, kind) {
  const box = document.getElementById("message");
  box.textContent = text || "";
  box.className = kind || "";
  box.hidden = !text;
}

// ---- API access: the pasted token, kept for this browser tab only ----

function token() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

/** An API failure with the problem+json detail the service sent. */
class ApiError extends Error {
  constructor(status, detail) {
    super(`${status}: ${detail}`);
    this.status = status;
    this.detail = detail;
  }
}

async function api(path, options = {}) {
  const headers = { Accept: "application/json" };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(API_ROOT + path, {
    method: options.method || "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = (body && (body.detail || body.title)) || response.statusText;
    throw new ApiError(response.status, response.status === 401 ? `${detail} — paste an API token above` : detail);
  }
  return body;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) q.set(name, value);
  const text = q.toString();
  return text ? `?${text}` : "";
}

// ---- Router ----

const routes = [
  [/^#\/events\/([^/?]+)$/, (id) => renderEvent(decodeURIComponent(id))],
  [/^#\/cis\/(.+)$/, (ci) => renderCi(decodeURIComponent(ci))],
  [/^#\/timeline(?:\?(.*))?$/, (q) => renderTimeline(new URLSearchParams(q || ""))],
  [/^#\/events(?:\?(.*))?$/, (q) => renderEvents(new URLSearchParams(q || "status=open"))],
];

async function route() {
  const hash = location.hash || "#/events";
  const view = document.getElementById("view");
  message("");
  for (const [pattern, render] of routes) {
    const match = hash.match(pattern);
    if (!match) continue;
    try {
      view.replaceChildren(await render(...match.slice(1)));
    } catch (e) {
      view.replaceChildren(el("p", { class: "muted" }, "Nothing to show."));
      message(e instanceof ApiError ? e.message : `Failed: ${e.message}`);
    }
    return;
  }
  location.hash = "#/events";
}

// ---- Drift list: filters live in the fragment (linkable); cursors for the pages seen are kept here ----

let cursors = [];

function select(id, name, options, current) {
  return el("label", {}, name,
    el("select", { id, name }, el("option", { value: "" }, "any"),
      options.map((o) => el("option", { value: o, selected: o === current }, o))));
}

async function renderEvents(params, cursor) {
  const filters = Object.fromEntries(["status", "severity", "category", "ci"].map((n) => [n, params.get(n) || ""]));
  if (cursor === undefined) cursors = [];
  // size is not offered in the form, but a link may carry it (#/events?size=100).
  const size = params.get("size") || PAGE_SIZE;
  const page = await api(`/events${query({ ...filters, size, cursor })}`);

  const form = el("form", { class: "filters", id: "filters", onsubmit: (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(e.target));
    if (params.get("size")) data.size = params.get("size");
    // An explicit empty status means "any"; without it the list defaults to open drift.
    location.hash = `#/events?${new URLSearchParams(data)}`;
  } },
    select("filter-status", "status", STATUSES, filters.status),
    select("filter-severity", "severity", SEVERITIES, filters.severity),
    select("filter-category", "category", CATEGORIES, filters.category),
    el("label", {}, "CI", el("input", { id: "filter-ci", name: "ci", value: filters.ci })),
    el("button", { type: "submit", id: "filter-apply" }, "Filter"));

  const rows = page.items.map((e) => el("tr", {
    class: "event-row", "data-id": e.id, "data-ci": e.ci_id,
    onclick: () => { location.hash = `#/events/${encodeURIComponent(e.id)}`; },
  },
    el("td", {}, badge("sev", e.severity)), el("td", {}, badge("st", e.status)),
    el("td", {}, el("a", { href: `#/cis/${encodeURIComponent(e.ci_id)}`, onclick: (ev) => ev.stopPropagation() }, e.ci_id)),
    el("td", {}, el("code", {}, e.field)), el("td", {}, e.category),
    el("td", {}, when(e.first_detected_at)), el("td", {}, when(e.last_seen_at)), el("td", {}, e.occurrence_count)));

  const pager = el("div", { class: "pager" },
    el("button", { id: "prev-page", disabled: cursors.length === 0, onclick: () => showPage(params, cursors.pop()) }, "← Newer"),
    el("span", { id: "page-info" }, `${page.items.length} of ${page.total_exact ? "" : "more than "}${page.total} shown`),
    el("button", { id: "next-page", disabled: !page.next_cursor, onclick: () => {
      cursors.push(cursor);
      showPage(params, page.next_cursor);
    } }, "Older →"));

  return el("section", {},
    el("h2", {}, "Drift"), form,
    page.items.length === 0 ? el("p", { class: "muted", id: "no-events" }, "No drift matches.") :
      el("table", { id: "events-table" },
        el("thead", {}, el("tr", {}, ["Severity", "Status", "CI", "Field", "Category", "First detected", "Last seen", "Seen"]
          .map((h) => el("th", {}, h)))),
        el("tbody", {}, rows)),
    pager);
}

/** Follows a cursor without touching the fragment: the filters stay, only the page moves. */
async function showPage(params, cursor) {
  try {
    document.getElementById("view").replaceChildren(await renderEvents(params, cursor));
  } catch (e) {
    message(e.message);
  }
}

// ---- One drift: what differs, where the desired value comes from, what happened, what to do ----

async function renderEvent(id) {
  const detail = await api(`/events/${encodeURIComponent(id)}`);
  const e = detail.event;
  return el("section", { id: "event", "data-id": e.id },
    el("h2", {}, `${e.ci_id} · `, el("code", {}, e.field)),
    props([
      ["Status", badge("st", e.status), "event-status"],
      ["Severity", badge("sev", e.severity)],
      ["CI", el("a", { href: `#/cis/${encodeURIComponent(e.ci_id)}`, id: "event-ci-link" }, `${e.ci_id} (${e.ci_type})`)],
      ["Category", e.category],
      ["Desired from", show(e.desired_provenance), "event-provenance"],
      ["Actual from", `${e.actual_source} at ${when(e.actual_observed_at)}`],
      ["Policy", e.policy_id || "—", "event-policy"],
      ["First detected", when(e.first_detected_at)],
      ["Last seen", `${when(e.last_seen_at)} (${e.occurrence_count} times)`],
      ["Resolved", e.resolved_at ? `${when(e.resolved_at)} by ${e.resolved_by}` : "—"],
      ["Change request / incident", `${e.change_request || "—"} / ${e.incident || "—"}`],
    ]),
    actionsBar(e),
    el("h3", {}, "Desired and actual"),
    desiredVersusActual(e.desired, e.actual),
    diffs(detail),
    el("h3", {}, "History"), historyTable(detail.history),
    el("h3", {}, "Actions"), actionsTable(detail.actions));
}

function desiredVersusActual(desired, actual) {
  return el("div", { class: "side-by-side" },
    el("div", { id: "desired-value" }, el("h4", {}, "Desired"), show(desired)),
    el("div", { id: "actual-value" }, el("h4", {}, "Actual"), show(actual)));
}

/** Every unified diff the event carries: on itself, in a transition's detail, in an action's result. */
function diffs(detail) {
  const found = [];
  // The latest diff the agent reported for the drifted file (sensitive files never have one).
  if (typeof detail.diff?.unified === "string") {
    found.push([`File as observed ${when(detail.diff.observed_at)}`, detail.diff.unified]);
  }
  for (const h of detail.history) {
    if (typeof h.detail?.diff === "string") found.push([`${h.to_status} at ${when(h.at)}`, h.detail.diff]);
  }
  for (const a of detail.actions) {
    const r = a.result || {};
    // A check-mode (dry) run's output is Ansible's --diff: show it as a diff too.
    const text = typeof r.diff === "string" ? r.diff : (r.check_mode && typeof r.output === "string" ? r.output : null);
    if (text) found.push([`${a.kind} ${a.target} (${a.state})`, text]);
  }
  if (found.length === 0) return null;
  return el("div", { id: "diffs" }, el("h3", {}, "Diff"),
    found.map(([label, text]) => [el("h4", { class: "muted" }, label), unifiedDiff(text)]));
}

function unifiedDiff(text) {
  const kind = (line) => line.startsWith("+++") || line.startsWith("---") ? "meta"
    : line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx";
  return el("pre", { class: "diff" }, text.split("\n").map((line) => el("span", { class: kind(line) }, line || " ")));
}

function historyTable(history) {
  return el("table", { id: "history" },
    el("thead", {}, el("tr", {}, ["At", "From", "To", "By", "Detail"].map((h) => el("th", {}, h)))),
    el("tbody", {}, history.map((h) => el("tr", {},
      el("td", {}, when(h.at)), el("td", {}, h.from_status || "—"), el("td", {}, badge("st", h.to_status)),
      el("td", {}, h.actor), el("td", {}, Object.keys(h.detail || {}).length ? show(withoutDiff(h.detail)) : "")))));
}

function actionsTable(actions) {
  if (actions.length === 0) return el("p", { class: "muted", id: "actions" }, "No actions.");
  return el("table", { id: "actions" },
    el("thead", {}, el("tr", {}, ["Kind", "Target", "On", "State", "Attempts", "Outcome", "Completed"]
      .map((h) => el("th", {}, h)))),
    el("tbody", {}, actions.map((a) => el("tr", {},
      el("td", {}, a.kind), el("td", {}, a.target), el("td", {}, a.transition), el("td", {}, a.state),
      el("td", {}, a.attempts), el("td", {}, a.last_error ? el("pre", {}, a.last_error) : a.result ? show(withoutDiff(a.result)) : "—"),
      el("td", {}, when(a.completed_at))))));
}

/** The diff is shown on its own, coloured; repeating it raw in a table cell only adds noise. */
function withoutDiff(object) {
  const { diff, ...rest } = object;
  return diff === undefined ? object : rest;
}

/**
 * Acknowledge asks for a comment inline; Remediate and Dry run ask the API, which decides (a viewer
 * token gets 403, a drift without remediation 409) and whose refusal is shown as it was given.
 */
function actionsBar(e) {
  const active = !FINAL_OR_SUPPRESSED.includes(e.status);
  const comment = el("textarea", { id: "ack-comment", placeholder: "Why is this drift acknowledged?", hidden: true });
  const confirm = el("button", { id: "ack-confirm", hidden: true, onclick: () => acknowledge(e.id, comment.value) }, "Confirm acknowledge");
  const bar = el("div", { class: "actions-bar", id: "event-actions" },
    el("button", { id: "ack-button", disabled: !active || e.status === "acknowledged", onclick: () => {
      comment.hidden = false;
      confirm.hidden = false;
      comment.focus();
    } }, "Acknowledge"),
    el("button", { id: "remediate-button", disabled: !active || e.status === "remediating",
      onclick: () => remediate(e.id, false, bar) }, "Remediate"),
    el("button", { id: "dryrun-button", disabled: !active || e.status === "remediating",
      onclick: () => remediate(e.id, true, bar) }, "Dry run"),
    comment, confirm);
  return bar;
}

async function acknowledge(id, comment) {
  if (!comment.trim()) {
    message("An acknowledgement needs a comment: say why.");
    return;
  }
  try {
    await api(`/events/${encodeURIComponent(id)}/acknowledge`, { method: "POST", body: { comment: comment.trim() } });
    await route();
    message("Acknowledged.", "info");
  } catch (e) {
    message(e.message);
  }
}

async function remediate(id, dryRun, bar) {
  const what = dryRun ? "a dry run (check mode, nothing changes)" : "a remediation of this drift";
  if (!dryRun && !window.confirm(`Start ${what}?`)) return;
  try {
    const accepted = await api(`/events/${encodeURIComponent(id)}/remediate`, { method: "POST", body: { dry_run: dryRun } });
    await route();
    message(`Queued ${what}: ${accepted.action_key}. Its outcome appears under Actions.`, "info");
  } catch (e) {
    // Not allowed for this token: say so and stop offering it.
    if (e.status === 403) bar.querySelectorAll("#remediate-button, #dryrun-button").forEach((b) => { b.disabled = true; });
    message(e.message);
  }
}

// ---- One CI: every monitored field with the reconciler's verdict ----

async function renderCi(ci) {
  const r = await api(`/cis/${encodeURIComponent(ci)}`);
  const counts = Object.entries(r.verdicts).map(([v, n]) => [badge("v", v), ` ${n} `]);
  return el("section", { id: "ci", "data-ci": r.ci_id },
    el("h2", {}, `${r.ci_id}`, r.ci_type ? ` (${r.ci_type})` : ""),
    props([
      ["Desired state", `${r.desired_state} from ${r.desired_source}${r.disabled_reason ? `: ${r.disabled_reason}` : ""}`],
      ["Observed", r.observed ? "yes" : "never"],
      ["Verdicts", el("span", { id: "ci-verdicts" }, counts)],
      ["Drift", el("a", { href: `#/events?${new URLSearchParams({ ci: r.ci_id, status: "" })}` }, `${r.active_drift.length} active — all events`)],
    ]),
    el("table", { id: "ci-fields" },
      el("thead", {}, el("tr", {}, ["Field", "Verdict", "Desired", "Actual", "Actual from", "Drift"].map((h) => el("th", {}, h)))),
      el("tbody", {}, r.fields.map((f) => el("tr", { "data-field": f.field, class: `verdict-${f.verdict}` },
        el("td", {}, el("code", {}, f.field)),
        el("td", {}, badge("v", f.verdict), f.reason ? el("div", { class: "muted" }, f.reason) : null),
        el("td", {}, show(f.desired)), el("td", {}, show(f.actual)),
        el("td", {}, f.actual_source ? `${f.actual_source} at ${when(f.actual_observed_at)}` : "—"),
        el("td", {}, f.drift_id ? el("a", { href: `#/events/${encodeURIComponent(f.drift_id)}` }, f.drift_status) : "—"))))));
}

// ---- Timeline: opened and resolved per bucket as an inline SVG bar chart ----

async function renderTimeline(params) {
  const bucket = params.get("bucket") === "day" ? "day" : "hour";
  const t = await api(`/report/timeline${query({ bucket })}`);
  const opened = t.buckets.reduce((n, b) => n + b.opened, 0);
  const resolved = t.buckets.reduce((n, b) => n + b.resolved, 0);
  return el("section", { id: "timeline" },
    el("h2", {}, "Timeline"),
    el("p", {}, "Per ", ["hour", "day"].map((b) => b === bucket ? el("strong", {}, b, " ")
      : [el("a", { href: `#/timeline?bucket=${b}`, id: `bucket-${b}` }, b), " "]),
      el("span", { class: "legend" }, el("span", { class: "opened" }, `■ opened ${opened}`), "  ",
        el("span", { class: "resolved" }, `■ resolved ${resolved}`))),
    el("div", { class: "chart" }, chart(t.buckets, bucket)));
}

function chart(buckets, bucket) {
  const bar = 10, gap = 8, group = 2 * bar + gap, left = 30, top = 10, height = 160, bottom = 30;
  // Room on the right for the last bucket's label.
  const width = left + Math.max(buckets.length * group, 300) + 40;
  const max = Math.max(1, ...buckets.map((b) => Math.max(b.opened, b.resolved)));
  const y = (n) => top + height - (n / max) * height;
  // Label about ten buckets, whatever the range.
  const every = Math.max(1, Math.ceil(buckets.length / 10));
  const label = (start) => bucket === "hour" ? new Date(start).toISOString().slice(11, 16) : new Date(start).toISOString().slice(5, 10);
  return svg("svg", { id: "timeline-chart", width, height: top + height + bottom, role: "img",
    "aria-label": `drift opened and resolved per ${bucket}` },
    svg("line", { class: "axis", x1: left, y1: top + height, x2: width, y2: top + height }),
    svg("line", { class: "axis", x1: left, y1: top, x2: left, y2: top + height }),
    svg("text", { x: left - 4, y: top + 4, "text-anchor": "end" }, max),
    svg("text", { x: left - 4, y: top + height, "text-anchor": "end" }, 0),
    buckets.map((b, i) => {
      const x = left + i * group + gap / 2;
      const tip = `${b.start}: opened ${b.opened}, resolved ${b.resolved}`;
      return svg("g", { class: "bucket", "data-start": b.start, "data-opened": b.opened, "data-resolved": b.resolved },
        svg("title", {}, tip),
        svg("rect", { class: "opened", x, y: y(b.opened), width: bar, height: top + height - y(b.opened) }),
        svg("rect", { class: "resolved", x: x + bar, y: y(b.resolved), width: bar, height: top + height - y(b.resolved) }),
        i % every === 0 ? svg("text", { x, y: top + height + 14 }, label(b.start)) : null);
    }));
}

// ---- Start: the token form, the CI jump box, and the router ----

function showTokenState() {
  document.getElementById("token-state").textContent = token() ? "token set for this tab" : "no token";
}

document.getElementById("token-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const input = document.getElementById("token-input");
  if (input.value.trim()) sessionStorage.setItem(TOKEN_KEY, input.value.trim());
  input.value = "";
  showTokenState();
  route();
});

document.getElementById("token-clear").addEventListener("click", () => {
  sessionStorage.removeItem(TOKEN_KEY);
  showTokenState();
  route();
});

document.getElementById("ci-jump").addEventListener("submit", (e) => {
  e.preventDefault();
  const ci = document.getElementById("ci-jump-input").value.trim();
  if (ci) location.hash = `#/cis/${encodeURIComponent(ci)}`;
});

window.addEventListener("hashchange", route);
showTokenState();
route();
