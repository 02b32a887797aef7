// Who is signed in, for this browser tab only: sessionStorage is cleared when the tab closes and
// is never sent anywhere by the browser. The token is never put in a URL (it would end up in
// history, logs and Referer headers).

const TOKEN = "credits-api.token";
const TENANT = "credits-api.tenant";

export function storedToken() {
  return sessionStorage.getItem(TOKEN);
}

export function storedTenant() {
  return sessionStorage.getItem(TENANT);
}

export function remember({ token, tenant }) {
  if (token) sessionStorage.setItem(TOKEN, token);
  if (tenant) sessionStorage.setItem(TENANT, tenant);
}

export function forget() {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(TENANT);
}

/** The credits page of a tenant. */
export function creditsPath(tenant) {
  return `/app/${encodeURIComponent(tenant)}/settings/credits`;
}
