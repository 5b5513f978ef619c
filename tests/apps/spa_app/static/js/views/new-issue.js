// The "New issue" modal: resolves with the API's answer once created, or null when cancelled.
import { api } from "../api.js";
import { h } from "../dom.js";
import { modal } from "../widgets.js";

export async function newIssueDialog(labels) {
  const alert = h("p", { class: "error", role: "alert", hidden: true });
  const title = h("input", { name: "title", autocomplete: "off" });
  const description = h("textarea", { name: "description", rows: 4 });
  const label = h("select", { name: "label" }, labels.map((l) => h("option", { value: l }, l)));
  const result = await modal({
    title: "New issue",
    content: [
      alert,
      h("label", { class: "field" }, "Title", title),
      h("label", { class: "field" }, "Description", description),
      h("label", { class: "field" }, "Label", label),
    ],
    actions: [
      { label: "Cancel", value: "cancel" },
      { label: "Create", kind: "primary", submit: true },
    ],
    onSubmit: async () => {
      try {
        return await api.createIssue({ title: title.value, description: description.value, label: label.value });
      } catch (error) {
        alert.textContent = error.message;
        alert.hidden = false;
        title.focus();
        return undefined;
      }
    },
  });
  return result === "cancel" ? null : result;
}
