// Toasts, pop-up menus and modal dialogs, with the keyboard behaviour their ARIA roles promise.
import { h, uniqueId } from "./dom.js";

const TOAST_MS = 4000;

export function toast(message) {
  if (!message) return;
  const note = h("div", { class: "toast", role: "status" }, message);
  document.querySelector(".toasts").append(note);
  setTimeout(() => note.remove(), TOAST_MS);
}

// Wires an existing button (aria-haspopup="menu") to an existing role="menu" element.
export function wireMenu(button, menu) {
  const items = () => [...menu.querySelectorAll('[role="menuitem"]')];
  const close = (refocus) => {
    if (menu.hidden) return;
    menu.hidden = true;
    button.setAttribute("aria-expanded", "false");
    if (refocus) button.focus();
  };
  const open = () => {
    menu.hidden = false;
    button.setAttribute("aria-expanded", "true");
    items()[0]?.focus();
  };
  button.addEventListener("click", (event) => {
    event.stopPropagation();
    if (menu.hidden) open();
    else close(false);
  });
  menu.addEventListener("click", (event) => {
    if (event.target.closest('[role="menuitem"]')) close(false);
  });
  menu.addEventListener("keydown", (event) => {
    const all = items();
    const at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      all[(at + step + all.length) % all.length]?.focus();
    }
  });
  // A click anywhere else closes the menu; the listener goes away with the menu when a view is replaced.
  const onOutsideClick = (event) => {
    if (!menu.isConnected) document.removeEventListener("click", onOutsideClick);
    else if (!menu.contains(event.target)) close(false);
  };
  document.addEventListener("click", onOutsideClick);
  return { close };
}

// A modal dialog: resolves with the value of the button that closed it ("cancel" for Escape).
// `content` is built by the caller; `actions` are [{ label, value, kind, submit }].
export function modal({ title, content, actions, onSubmit }) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const titleId = uniqueId("dialog-title");
    const finish = (value) => {
      backdrop.remove();
      document.removeEventListener("keydown", onKey, true);
      opener?.focus?.();
      resolve(value);
    };
    const buttons = actions.map((action) =>
      h(
        "button",
        { type: action.submit ? "submit" : "button", class: action.kind || "secondary",
          onclick: action.submit ? null : () => finish(action.value) },
        action.label,
      ),
    );
    const form = h("form", {}, content, h("div", { class: "buttons" }, buttons));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const value = await onSubmit?.(form);
      if (value !== undefined) finish(value);
    });
    const dialog = h(
      "div",
      { role: "dialog", "aria-modal": "true", "aria-labelledby": titleId },
      h("h2", { id: titleId }, title),
      form,
    );
    const backdrop = h("div", { class: "backdrop" }, dialog);
    const onKey = (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        finish("cancel");
      } else if (event.key === "Tab") {
        const focusable = [...dialog.querySelectorAll("input, select, textarea, button")];
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }
    };
    document.addEventListener("keydown", onKey, true);
    document.body.append(backdrop);
    (dialog.querySelector("input, textarea, select") || buttons[buttons.length - 1]).focus();
  });
}
