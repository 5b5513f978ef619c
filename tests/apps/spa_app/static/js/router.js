// Client-side routing with history.pushState: same-origin link clicks and back/forward never load a page.
import { ApiError } from "./api.js";
import { state } from "./state.js";

const routes = [];
let renderCount = 0;

export function route(pattern, view, { signedIn = true } = {}) {
  routes.push({ pattern, view, signedIn });
}

export function navigate(url, { replace = false } = {}) {
  history[replace ? "replaceState" : "pushState"](null, "", url);
  return render();
}

// Rewrites the query string of the current entry, for filters that should survive a reload.
export function setQuery(params) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value)).toString();
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}`);
}

export async function render() {
  const path = location.pathname;
  if (path === "/") return navigate(state.user ? "/issues" : "/signin", { replace: true });
  const match = routes.map((r) => ({ r, m: path.match(r.pattern) })).find(({ m }) => m);
  if (match && match.r.signedIn && !state.user) {
    return navigate(`/signin?next=${encodeURIComponent(path + location.search)}`, { replace: true });
  }
  if (match && !match.r.signedIn && state.user) return navigate("/issues", { replace: true });

  const count = ++renderCount;
  const main = document.querySelector("main");
  let view;
  try {
    view = match ? await match.r.view(...match.m.slice(1)) : notFound();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return; // "session-expired" sends the user to sign in
    view = failed(error);
  }
  if (count !== renderCount) return; // a later navigation won
  document.title = `${view.title} · Issue Tracker`;
  main.replaceChildren(...view.nodes);
  view.mounted?.();
}

function failed(error) {
  const heading = document.createElement("h1");
  heading.textContent = "Something went wrong";
  const message = document.createElement("p");
  message.setAttribute("role", "alert");
  message.textContent = error.message;
  return { title: "Error", nodes: [heading, message] };
}

function notFound() {
  const heading = document.createElement("h1");
  heading.textContent = "Page not found";
  return { title: "Not found", nodes: [heading] };
}

export function startRouter() {
  window.addEventListener("popstate", () => render());
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[href]");
    if (!link || link.origin !== location.origin || link.target || link.hasAttribute("download")) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(link.pathname + link.search);
  });
  return render();
}
