// Calls to the archivegraph REST API. Every failure is turned here into a
// sentence a reader can act on, so no view ever shows a raw status or a
// stack trace.

export class ApiError extends Error {
  constructor(message, { status = 0, code = "" } = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

// query builds a query string; arrays repeat their key (seed=a&seed=b) and
// empty values are left out so that defaults stay the server's.
export function query(params = {}) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      for (const v of value) if (v !== "") q.append(key, v);
    } else {
      q.append(key, String(value));
    }
  }
  const s = q.toString();
  return s ? "?" + s : "";
}

// entityPath escapes an entity or document id for a path segment; ids hold
// slashes ("person/ho-chi-minh") and the API accepts them escaped.
export function idPath(id) {
  return encodeURIComponent(id);
}

// getJSON fetches one API resource. what names it in error messages ("the
// neighbourhood of Ho Chi Minh").
export async function getJSON(path, params, { what = "the data", signal } = {}) {
  const url = "api/v1" + path + query(params);
  let res;
  try {
    res = await fetch(url, { signal, headers: { Accept: "application/json" } });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(`The archivegraph server could not be reached while loading ${what}. Check that it is still running, then try again.`);
  }
  let body = null;
  try {
    body = await res.json();
  } catch (err) {
    if (err.name === "AbortError") throw err;
    if (res.ok) throw new ApiError(`The server sent ${what} in a form the page cannot read.`, { status: res.status });
  }
  if (res.ok) return body;
  const message = body && body.error && body.error.message ? body.error.message : res.statusText;
  const code = body && body.error ? body.error.code : "";
  throw new ApiError(describe(res.status, message, what), { status: res.status, code });
}

function describe(status, message, what) {
  switch (status) {
    case 400:
      return `The server refused the request for ${what}: ${message}.`;
    case 401:
    case 403:
      return `The server asks for a token before showing ${what}; this page cannot send one.`;
    case 404:
      return `Nothing was found for ${what} (${message}).`;
    case 503:
      return `The graph database is not reachable right now, so ${what} could not be loaded. Try again in a moment.`;
    case 504:
      return `Loading ${what} took too long. Narrow the year range or the relation types and try again.`;
    default:
      return `Loading ${what} failed on the server (${status}: ${message}).`;
  }
}
