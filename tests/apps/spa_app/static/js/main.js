// Entry point: find out who is signed in, wire the header, and let the router draw the page.
import { api } from "./api.js";
import { render, route, startRouter, navigate } from "./router.js";
import { state } from "./state.js";
import { wireMenu, toast } from "./widgets.js";
import { signInView } from "./views/signin.js";
import { listView } from "./views/list.js";
import { detailView } from "./views/detail.js";

route(/^\/signin$/, signInView, { signedIn: false });
route(/^\/issues$/, listView);
route(/^\/issues\/(\d+)$/, detailView);

export function showAccount() {
  document.querySelector(".mainnav").hidden = !state.user;
  document.querySelector(".account").hidden = !state.user;
  document.querySelector(".account .who").textContent = state.user || "";
}

async function signOut() {
  const result = await api.signOut();
  state.user = (await api.session()).user;
  showAccount();
  if (state.user) return render(); // still signed in: nothing changes
  toast(result.message);
  return navigate("/signin");
}

async function start() {
  state.user = (await api.session()).user;
  showAccount();
  const account = document.querySelector(".account");
  wireMenu(account.querySelector("button[aria-haspopup]"), account.querySelector('[role="menu"]'));
  account.querySelector('[role="menuitem"]').addEventListener("click", signOut);
  document.addEventListener("session-changed", showAccount);
  document.addEventListener("session-expired", () => {
    if (!state.user) return;
    state.user = null;
    showAccount();
    navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  });
  await startRouter();
}

start();
