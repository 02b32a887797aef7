// /pricing: the plans and their features (`plans`), what every action costs (`creditTypes`), and
// a call to action per plan: sign in, or subscribe through Stripe Checkout
// (`createCheckoutSession`) when signed in and billing is on.

import { ApiError, graphql, unwrap } from "/web/js/api.js";
import { $, el, say } from "/web/js/dom.js";
import { creditsPath, forget, remember, storedTenant, storedToken } from "/web/js/session.js";

const CATALOG = `
  query Pricing {
    plans { id name description features { name title type value } }
    creditTypes { value name description amount }
  }`;

const ACCOUNT = `
  query Account {
    viewer { email memberships { role tenant { slug name } } }
  }`;

const CURRENT_PLAN = `query CurrentPlan { tenant { slug name plan { id } } }`;

// Errors here are data: `creditPacks` answers BillingDisabled as a top-level error when Stripe is off.
const BILLING = `query Billing { creditPacks { priceId credits } }`;

const CHECKOUT = `
  mutation Checkout($input: CreateCheckoutSessionInput!) {
    createCheckoutSession(input: $input) {
      __typename
      ... on CreateCheckoutSessionSuccess { url }
      ... on Error { code message }
    }
  }`;

const CREDITS_FEATURE = "credits";
const errorBox = $("[data-testid=error]");

function featureText(feature) {
  switch (feature.type) {
    case "MONTHLY":
      return `${feature.title}: ${feature.value} per month`;
    case "TOTAL":
      return `${feature.title}: ${feature.value} in total`;
    case "UNLIMITED":
      return `${feature.title}: unlimited`;
    case "NOT_INCLUDED":
      return `${feature.title} (not included)`;
    default:
      return feature.title;
  }
}

function featureItem(feature) {
  const text = featureText(feature);
  if (feature.name !== CREDITS_FEATURE) {
    return el("li", { class: feature.type === "NOT_INCLUDED" ? "not-included" : null }, text);
  }
  // The credits feature explains itself: it opens the table of what each action costs.
  const button = el(
    "button",
    { type: "button", class: "link", "aria-controls": "credit-types", "aria-expanded": "false", "data-testid": "credits-feature" },
    text,
  );
  button.addEventListener("click", () => toggleCreditTypes(button));
  return el("li", {}, button);
}

function toggleCreditTypes(button) {
  const section = $("#credit-types");
  section.hidden = !section.hidden;
  for (const toggle of document.querySelectorAll("[data-testid=credits-feature]")) {
    toggle.setAttribute("aria-expanded", String(!section.hidden));
  }
  if (!section.hidden) section.focus();
  else button.focus();
}

function renderCreditTypes(creditTypes) {
  $("#credit-type-rows").replaceChildren(
    ...creditTypes.map((type) =>
      el(
        "tr",
        { "data-testid": "credit-type" },
        el("th", { scope: "row" }, type.name),
        el("td", {}, type.description),
        el("td", { class: "number" }, type.amount),
      ),
    ),
  );
}

function renderPlans(plans, account) {
  const cards = plans.map((plan) =>
    el(
      "article",
      { class: "card plan", "data-testid": "plan", "aria-labelledby": `plan-${plan.id}` },
      el("h2", { id: `plan-${plan.id}` }, plan.name),
      plan.description ? el("p", { class: "muted" }, plan.description) : null,
      el("ul", {}, plan.features.map(featureItem)),
      callToAction(plan, account),
    ),
  );
  $("#plans").replaceChildren(...(cards.length ? cards : [el("p", {}, "No plans are on offer yet.")]));
}

function callToAction(plan, account) {
  if (!account) {
    const button = el("button", { type: "button", class: "secondary" }, "Sign in to choose");
    button.addEventListener("click", showSignIn);
    return button;
  }
  if (account.planId === plan.id) return el("p", { class: "muted" }, "Your current plan.");
  if (!account.billing) {
    return el("p", { class: "hint" }, "Changing plans goes through Stripe, which is not set up on this server.");
  }
  const button = el("button", { type: "button", "data-testid": "checkout" }, `Choose ${plan.name}`);
  button.addEventListener("click", () => checkout(plan, account, button));
  return button;
}

async function checkout(plan, account, button) {
  button.disabled = true;
  say(errorBox, null);
  try {
    const data = await graphql(CHECKOUT, { input: { planId: plan.id } }, account.session);
    const { url } = unwrap(data.createCheckoutSession, "CreateCheckoutSessionSuccess");
    location.assign(url);
  } catch (error) {
    say(errorBox, `Checkout could not start: ${error.message}`);
    button.disabled = false;
  }
}

function showSignIn() {
  $("#sign-in-section").hidden = false;
  $("[data-testid=token-input]").focus();
}

function renderAccountNav(account) {
  const nav = $("#account");
  if (!account) {
    const button = el("button", { type: "button", class: "secondary" }, "Sign in");
    button.addEventListener("click", showSignIn);
    nav.replaceChildren(button);
    return;
  }
  const signOut = el("button", { type: "button", class: "secondary" }, "Sign out");
  signOut.addEventListener("click", () => {
    forget();
    location.reload();
  });
  nav.replaceChildren(
    el("span", { class: "muted" }, `${account.email} · ${account.tenantName}`),
    el("a", { href: creditsPath(account.session.tenant) }, "Your credits"),
    signOut,
  );
}

/** The signed-in account for the stored token and tenant, or null (and forgotten) if refused. */
async function loadAccount(session) {
  const [{ viewer }, { tenant }] = await Promise.all([
    graphql(ACCOUNT, {}, { token: session.token }),
    graphql(CURRENT_PLAN, {}, session),
  ]);
  const billing = await graphql(BILLING, {}, session).then(
    () => true,
    () => false,
  );
  return { session, email: viewer.email, tenantName: tenant.name, planId: tenant.plan?.id, billing };
}

async function signIn(event, plans) {
  event.preventDefault();
  say(errorBox, null);
  const token = $("[data-testid=token-input]").value.trim();
  const tenantSelect = $("#tenant");
  try {
    let tenant = $("#tenant-field").hidden ? null : tenantSelect.value;
    if (!tenant) {
      const { viewer } = await graphql(ACCOUNT, {}, { token });
      const tenants = viewer.memberships.map((membership) => membership.tenant);
      if (tenants.length === 0) throw new ApiError("This account belongs to no organisation yet.", "FORBIDDEN");
      if (tenants.length > 1) {
        tenantSelect.replaceChildren(...tenants.map((t) => el("option", { value: t.slug }, t.name)));
        $("#tenant-field").hidden = false;
        tenantSelect.focus();
        return;
      }
      tenant = tenants[0].slug;
    }
    const account = await loadAccount({ token, tenant });
    remember({ token, tenant });
    $("#sign-in-section").hidden = true;
    renderAccountNav(account);
    renderPlans(plans, account);
  } catch (error) {
    say(errorBox, signInMessage(error));
  }
}

function signInMessage(error) {
  if (error.code === "UNAUTHENTICATED") return `That token was not accepted (${error.message}). Paste a fresh one.`;
  return `Could not sign in: ${error.message}`;
}

async function main() {
  let catalog;
  try {
    catalog = await graphql(CATALOG);
  } catch (error) {
    $("#plans").replaceChildren();
    say(errorBox, `The plans could not be loaded: ${error.message}`);
    return;
  }
  renderCreditTypes(catalog.creditTypes);
  let account = null;
  const session = { token: storedToken(), tenant: storedTenant() };
  if (session.token && session.tenant) {
    account = await loadAccount(session).catch(() => {
      forget();
      return null;
    });
  }
  renderAccountNav(account);
  renderPlans(catalog.plans, account);
  $("#sign-in-form").addEventListener("submit", (event) => signIn(event, catalog.plans));
}

main();
