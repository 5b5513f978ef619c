// The tracker's JSON API. Every call resolves to the parsed body or throws an ApiError with the server's message.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body) {
  const options = { method, headers: { Accept: "application/json" }, credentials: "same-origin" };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(`/api${path}`, options);
  const data = await response.json().catch(() => ({}));
  if (response.status === 401 && path !== "/session") {
    // The session ended on the server (signed out elsewhere, or the tracker restarted).
    document.dispatchEvent(new Event("session-expired"));
  }
  if (!response.ok) {
    throw new ApiError(response.status, data.error || `Request failed (${response.status})`);
  }
  return data;
}

export const api = {
  session: () => call("GET", "/session"),
  signIn: (username, password) => call("POST", "/session", { username, password }),
  signOut: () => call("DELETE", "/session"),
  labels: () => call("GET", "/labels"),
  issues: (params) => call("GET", `/issues?${new URLSearchParams(params)}`),
  issue: (number) => call("GET", `/issues/${number}`),
  createIssue: (fields) => call("POST", "/issues", fields),
  updateIssue: (number, fields) => call("PATCH", `/issues/${number}`, fields),
  deleteIssue: (number) => call("DELETE", `/issues/${number}`),
};
