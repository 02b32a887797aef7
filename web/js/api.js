// Talking to the credits API the way any frontend would: queries and mutations as a JSON POST to
// /graphql, the live subscription over graphql-transport-ws (the vendored graphql-ws client).
// The token travels in the Authorization header (never in a URL), the tenant in X-Tenant; over
// the websocket both go in the connection_init payload.

import { createClient } from "/web/vendor/graphql-ws/client.js";

const ENDPOINT = "/graphql";

/** A failed operation: `code` is the top-level error's extensions.code (or NETWORK / HTTP_<n>). */
export class ApiError extends Error {
  constructor(message, code) {
    super(message);
    this.name = "ApiError";
    this.code = code;
  }
}

function headersFor({ token, tenant }) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (tenant) headers["X-Tenant"] = tenant;
  return headers;
}

/** Runs a query or mutation and returns its `data`; any top-level error throws an ApiError. */
export async function graphql(query, variables = {}, session = {}) {
  let response;
  try {
    response = await fetch(ENDPOINT, {
      method: "POST",
      headers: headersFor(session),
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new ApiError(`The server could not be reached (${error.message}).`, "NETWORK");
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} without a GraphQL body.`, `HTTP_${response.status}`);
  }
  if (body.errors && body.errors.length) {
    const [first] = body.errors;
    throw new ApiError(first.message, first.extensions?.code ?? "ERROR");
  }
  return body.data;
}

/** A mutation result union: returns the success member, throws its error member's message. */
export function unwrap(result, successTypename) {
  if (result.__typename === successTypename) return result;
  throw new ApiError(result.message ?? `Unexpected ${result.__typename}.`, result.code ?? "ERROR");
}

// Reconnect quickly at first, then back off to at most 10 s between attempts.
function retryWait(retries) {
  const delay = Math.min(250 * 2 ** retries, 10_000);
  return new Promise((resolve) => setTimeout(resolve, delay));
}

// 4403 is a refused connection_init (bad token, not a member): retrying cannot help.
const REFUSED = 4403;

/**
 * Subscribes to `request` ({ query, variables }) over graphql-transport-ws and keeps it
 * running: after a dropped connection the client reconnects and subscribes again with the
 * request as it is THEN, so a caller that keeps `variables.after` at the last `sequence` it
 * received resumes there: the server replays what it missed, nothing twice (`usageUpdated(
 * afterSequence:)`). `onStatus` receives "connecting", "live", "reconnecting" and "refused";
 * `onResumed` is called on each reconnection. Returns a function that stops it.
 */
export function subscribe(request, { token, tenant }, { onData, onStatus, onResumed }) {
  let dropped = false;
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${ENDPOINT}`;
  const client = createClient({
    url,
    connectionParams: { authorization: `Bearer ${token}`, tenant },
    lazy: false,
    retryAttempts: Infinity,
    retryWait,
    shouldRetry: (event) => event?.code !== REFUSED,
    keepAlive: 10_000,
    on: {
      connecting: () => onStatus(dropped ? "reconnecting" : "connecting"),
      // A resumed subscription may have nothing to replay: it is live once connected.
      connected: () => {
        onStatus("live");
        if (dropped) onResumed?.();
      },
      closed: (event) => {
        if (event?.code === REFUSED) {
          onStatus("refused");
          return;
        }
        dropped = true;
        onStatus("reconnecting");
      },
    },
    onNonLazyError: () => onStatus("refused"),
  });
  const stop = client.subscribe(
    request,
    {
      next: (message) => {
        if (message.errors?.length) {
          onStatus("refused");
          return;
        }
        onData(message.data);
      },
      error: () => onStatus("refused"),
      complete: () => {},
    },
  );
  return () => {
    stop();
    client.dispose();
  };
}
