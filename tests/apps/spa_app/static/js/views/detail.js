// One issue: inline editing, close/reopen, a label form, and a "More actions" menu whose Delete asks first.
import { api, ApiError } from "../api.js";
import { formatDate, h } from "../dom.js";
import { navigate } from "../router.js";
import { modal, toast, wireMenu } from "../widgets.js";
import { labels } from "./list.js";

export async function detailView(number) {
  let issue;
  try {
    issue = (await api.issue(number)).issue;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    return {
      title: "Issue not found",
      nodes: [
        h("h1", {}, "Issue not found"),
        h("p", {}, `There is no issue #${number}.`),
        h("p", {}, h("a", { href: "/issues" }, "All issues")),
      ],
    };
  }
  const known = await labels();
  const root = h("div");

  function draw(editing = false) {
    const moreButton = h("button", { type: "button", class: "icon-button", "aria-label": "More actions",
      "aria-haspopup": "menu", "aria-expanded": "false" }, "⋯");
    const menu = h("div", { class: "menu", role: "menu", "aria-label": "More actions", hidden: true },
      h("button", { type: "button", role: "menuitem", tabindex: "-1", onclick: copyLink }, "Copy link"),
      h("button", { type: "button", role: "menuitem", tabindex: "-1", class: "danger", onclick: confirmDelete },
        "Delete"));
    wireMenu(moreButton, menu);

    const heading = editing ? editForm() : h("h1", {}, issue.title, " ", h("span", { class: "muted" },
      `#${issue.number}`));
    const actions = h("div", { class: "actions" },
      editing ? null : h("button", { type: "button", class: "secondary", onclick: () => draw(true) }, "Edit"),
      h("button", { type: "button", class: "secondary", onclick: toggleState },
        issue.state === "open" ? "Close issue" : "Reopen issue"),
      moreButton, menu);
    const meta = h("p", {},
      h("span", { class: `badge ${issue.state}` }, issue.state === "open" ? "Open" : "Closed"),
      ` ${issue.author} opened this issue on ${formatDate(issue.opened)} · label: `,
      h("span", { class: "badge" }, issue.label));
    const body = editing ? null : h("section", { "aria-label": "Description" },
      h("p", { style: "white-space: pre-wrap" }, issue.description || "No description provided."));

    root.replaceChildren(
      h("p", {}, h("a", { href: "/issues" }, h("span", { "aria-hidden": "true" }, "← "), "All issues")),
      h("div", { class: "detail-head" }, heading, actions),
      meta,
      h("div", { class: "detail" }, h("div", {}, body), h("aside", {}, labelForm())),
    );
    document.title = `#${issue.number} ${issue.title} · Issue Tracker`;
    if (editing) root.querySelector("input").focus();
  }

  function editForm() {
    const alert = h("p", { class: "error", role: "alert", hidden: true });
    const title = h("input", { name: "title", value: issue.title });
    const description = h("textarea", { name: "description", rows: 5 }, issue.description);
    const form = h("form", { "aria-label": "Edit issue", class: "edit" },
      alert,
      h("label", { class: "field" }, "Title", title),
      h("label", { class: "field" }, "Description", description),
      h("div", { class: "buttons" },
        h("button", { type: "button", class: "secondary", onclick: () => draw(false) }, "Cancel"),
        h("button", { type: "submit", class: "primary" }, "Save")));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        issue = (await api.updateIssue(issue.number, { title: title.value, description: description.value })).issue;
      } catch (error) {
        alert.textContent = error.message;
        alert.hidden = false;
        return;
      }
      draw(false);
    });
    return form;
  }

  function labelForm() {
    const select = h("select", { name: "label" },
      known.map((l) => h("option", { value: l, selected: l === issue.label }, l)));
    const form = h("form", { "aria-label": "Labels" },
      h("label", { class: "field" }, "Label", select),
      h("div", { class: "buttons" },
        h("button", { type: "button", class: "secondary", onclick: () => { select.value = issue.label; } },
          "Cancel"),
        h("button", { type: "submit", class: "primary" }, "Save")));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      issue = (await api.updateIssue(issue.number, { label: select.value })).issue;
      draw(Boolean(root.querySelector("form.edit")));
    });
    return form;
  }

  async function toggleState() {
    const wanted = issue.state === "open" ? "closed" : "open";
    issue = (await api.updateIssue(issue.number, { state: wanted })).issue;
    draw(Boolean(root.querySelector("form.edit")));
  }

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(location.href);
    } catch {
      // Without clipboard permission there is nothing useful to do.
    }
  }

  async function confirmDelete() {
    const answer = await modal({
      title: "Delete issue?",
      content: [h("p", {}, `Issue #${issue.number} “${issue.title}” will be deleted for good.`)],
      actions: [
        { label: "Cancel", value: "cancel" },
        { label: "Delete", value: "delete", kind: "danger-button" },
      ],
    });
    if (answer !== "delete") return;
    const result = await api.deleteIssue(issue.number);
    toast(result.message);
    navigate("/issues");
  }

  draw(false);
  return { title: `#${issue.number} ${issue.title}`, nodes: [root] };
}
