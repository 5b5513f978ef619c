// The issues list: status tabs, label and sort selects, a text filter, and the "New issue" dialog.
import { api } from "../api.js";
import { h } from "../dom.js";
import { setQuery } from "../router.js";
import { state } from "../state.js";
import { toast } from "../widgets.js";
import { newIssueDialog } from "./new-issue.js";

const STATES = [
  ["open", "Open"],
  ["closed", "Closed"],
  ["all", "All"],
];
const SORTS = [
  ["newest", "Newest"],
  ["oldest", "Oldest"],
  ["title", "Title"],
];

export async function labels() {
  if (!state.labels.length) state.labels = (await api.labels()).labels;
  return state.labels;
}

function options(pairs, chosen) {
  return pairs.map(([value, text]) => h("option", { value, selected: value === chosen }, text));
}

export async function listView() {
  const params = new URLSearchParams(location.search);
  const filters = {
    state: STATES.some(([v]) => v === params.get("state")) ? params.get("state") : "open",
    label: params.get("label") || "",
    sort: SORTS.some(([v]) => v === params.get("sort")) ? params.get("sort") : "newest",
    q: params.get("q") || "",
  };
  const known = await labels();
  if (!known.includes(filters.label)) filters.label = "";

  const rows = h("tbody");
  const summary = h("p", { class: "muted" });
  const panel = h("div", { role: "tabpanel" });
  let latest = 0;

  async function load() {
    if (location.pathname !== "/issues") return; // the user has moved on
    setQuery({
      state: filters.state !== "open" && filters.state,
      label: filters.label,
      sort: filters.sort !== "newest" && filters.sort,
      q: filters.q,
    });
    const asked = ++latest;
    const { issues } = await api.issues(filters);
    if (asked !== latest) return;
    summary.textContent = issues.length === 1 ? "1 issue" : `${issues.length} issues`;
    rows.replaceChildren(
      ...issues.map((issue) =>
        h(
          "tr",
          {},
          h("td", {}, `#${issue.number}`),
          h("td", {}, issue.title),
          h("td", {}, h("span", { class: "badge" }, issue.label)),
          h("td", {}, h("span", { class: `badge ${issue.state}` }, issue.state === "open" ? "Open" : "Closed")),
          h("td", {}, h("a", { href: `/issues/${issue.number}` }, "Open")),
        ),
      ),
    );
    if (!issues.length) rows.append(h("tr", {}, h("td", { colspan: 5 }, "No issues match.")));
  }

  const tabs = STATES.map(([value, text]) =>
    h("button", { type: "button", role: "tab", "aria-selected": String(value === filters.state),
      tabindex: value === filters.state ? "0" : "-1", onclick: () => choose(value) }, text),
  );
  function choose(value) {
    filters.state = value;
    tabs.forEach((tab, i) => {
      const selected = STATES[i][0] === value;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
    });
    panel.setAttribute("aria-label", `${STATES.find(([v]) => v === value)[1]} issues`);
    load();
  }
  const tablist = h("div", { role: "tablist", "aria-label": "Status" }, tabs);
  tablist.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    const at = STATES.findIndex(([v]) => v === filters.state);
    const next = (at + (event.key === "ArrowRight" ? 1 : -1) + STATES.length) % STATES.length;
    choose(STATES[next][0]);
    tabs[next].focus();
  });
  panel.setAttribute("aria-label", `${STATES.find(([v]) => v === filters.state)[1]} issues`);

  const labelSelect = h("select", { name: "label", onchange: () => { filters.label = labelSelect.value; load(); } },
    options([["", "All labels"], ...known.map((l) => [l, l])], filters.label));
  const sortSelect = h("select", { name: "sort", onchange: () => { filters.sort = sortSelect.value; load(); } },
    options(SORTS, filters.sort));
  let typing;
  const search = h("input", { type: "search", "aria-label": "Filter issues", placeholder: "Filter issues",
    value: filters.q, oninput: () => {
      clearTimeout(typing);
      typing = setTimeout(() => { filters.q = search.value; load(); }, 150);
    } });

  const newButton = h("button", { type: "button", class: "primary", onclick: async () => {
    const created = await newIssueDialog(known);
    if (created) {
      toast(created.message);
      load();
    }
  } }, "New issue");

  panel.append(
    summary,
    h("table", {}, h("thead", {}, h("tr", {}, ["#", "Title", "Label", "Status", ""].map((t) => h("th", {}, t)))),
      rows),
  );
  await load();
  return {
    title: "Issues",
    nodes: [
      h("div", { class: "detail-head" }, h("h1", {}, "Issues"), newButton),
      tablist,
      h("div", { class: "toolbar" },
        h("label", {}, "Label", labelSelect),
        h("label", {}, "Sort", sortSelect),
        search),
      panel,
    ],
  };
}
