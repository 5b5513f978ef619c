// The sign-in page: on success the header learns who is signed in and the page asked for opens.
import { api } from "../api.js";
import { h } from "../dom.js";
import { navigate } from "../router.js";
import { state } from "../state.js";

export function signInView() {
  const alert = h("p", { class: "error", role: "alert", hidden: true });
  const username = h("input", { name: "username", autocomplete: "username" });
  const password = h("input", { type: "password", name: "password", autocomplete: "current-password" });
  const form = h(
    "form",
    { class: "card" },
    alert,
    h("label", { class: "field" }, "Username", username),
    h("label", { class: "field" }, "Password", password),
    h("button", { type: "submit", class: "primary" }, "Sign in"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      state.user = (await api.signIn(username.value, password.value)).user;
    } catch (error) {
      alert.textContent = error.message;
      alert.hidden = false;
      password.value = "";
      password.focus();
      return;
    }
    document.dispatchEvent(new Event("session-changed"));
    const next = new URLSearchParams(location.search).get("next");
    navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/issues", { replace: true });
  });
  return {
    title: "Sign in",
    nodes: [h("h1", {}, "Sign in"), h("p", { class: "muted" }, "Track bugs and ideas with your team."), form],
    mounted: () => username.focus(),
  };
}
