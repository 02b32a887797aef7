// /app/<tenant>/settings/credits: the period's usage, live. One query loads the page; the
// `usageUpdated` subscription then keeps every figure current without reloading: its first
// message is the current summary, each later one follows a charge made anywhere.

import { graphql, subscribe, unwrap } from "/web/js/api.js";
import { $, el, formatDate, say } from "/web/js/dom.js";
import { LEDGER, Ledger } from "/web/js/ledger.js";
import { forget, remember, storedToken } from "/web/js/session.js";
import { UsageChart } from "/web/js/usage-chart.js";

const SUMMARY_FIELDS = "periodStart periodEnd used limit remaining byType { type used count }";

const PAGE = `
  query CreditsPage {
    viewer { id email }
    tenant { slug name }
    usageSummary { ${SUMMARY_FIELDS} }
    creditTypes { value name amount }
  }`;

const LIVE = `
  subscription Live($after: Int) {
    usageUpdated(afterSequence: $after) {
      sequence
      summary { ${SUMMARY_FIELDS} }
      creditUsage { id type amount createdAt user { id email } }
    }
  }`;

const FEATURE = `query Feature { featureUsage(name: "credits") { enabled message } }`;

const PACKS = `query Packs { creditPacks { priceId credits } }`;

const BUY_PACK = `
  mutation BuyPack($input: CreateCreditPackCheckoutSessionInput!) {
    createCreditPackCheckoutSession(input: $input) {
      __typename
      ... on CreateCreditPackCheckoutSessionSuccess { url }
      ... on Error { code message }
    }
  }`;

// The chart reads at most this many ledger pages of the period (100 rows each).
const HISTORY_PAGES = 5;
const STATUS_TEXT = { connecting: "connecting…", live: "live", reconnecting: "reconnecting…", refused: "offline" };

const errorBox = $("[data-testid=error]");
const tenantSlug = decodeURIComponent(location.pathname.split("/")[2] ?? "");

class CreditsPage {
  constructor(session, page) {
    this.session = session;
    this.typeNames = new Map(page.creditTypes.map((type) => [type.value, type.name]));
    this.cheapest = Math.min(...page.creditTypes.map((type) => type.amount));
    this.summary = null;
    this.sequence = -1;
    this.featureTicket = 0;
    this.chart = new UsageChart($("#chart"));
    this.ledger = new Ledger(
      session,
      {
        rows: $("#ledger-rows"),
        empty: $("#ledger-empty"),
        newer: $("#newer"),
        older: $("#older"),
        typeFilter: $("#type-filter"),
        memberFilter: $("#member-filter"),
      },
      { typeName: (value) => this.typeName(value), onError: (message) => say(errorBox, message) },
    );
    this.ledger.setTypes(page.creditTypes);
    this.ledger.addMember({ id: page.viewer.id, email: page.viewer.email });
    $("#tenant-name").textContent = `· ${page.tenant.name}`;
    $("#signed-in-as").textContent = page.viewer.email;
    this.showSummary(page.usageSummary);
  }

  typeName(value) {
    return this.typeNames.get(value) ?? value;
  }

  start() {
    this.ledger.load(0);
    this.loadHistory();
    this.loadPacks();
    // `after` follows the last sequence shown: a reconnect resumes there (the server replays
    // the charges missed, each once); null at first, for the current summary.
    this.live = { query: LIVE, variables: { after: null } };
    this.stopLive = subscribe(this.live, this.session, {
      onData: (data) => this.onEvent(data.usageUpdated),
      onStatus: (status) => {
        showStatus(status);
        if (status === "refused") {
          say(errorBox, "Live updates stopped: the server refused the connection. Sign out and sign in again.");
        }
      },
      // Charges made while the socket was down are replayed; the ledger and the chart read
      // them again all the same (a page left open for days resumes from far back).
      onResumed: () => {
        this.ledger.load(0);
        this.loadHistory();
      },
    });
  }

  stop() {
    this.stopLive?.();
  }

  onEvent(event) {
    // Every message carries the complete summary: a jump in `sequence` loses nothing shown here.
    if (event.sequence <= this.sequence) return;
    this.sequence = event.sequence;
    this.live.variables.after = event.sequence;
    this.showSummary(event.summary);
    const usage = event.creditUsage;
    if (usage) {
      this.chart.add(usage.createdAt, event.summary.used);
      this.ledger.addMember(usage.user);
      this.ledger.refreshSoon();
    }
  }

  showSummary(summary) {
    this.summary = summary;
    $("[data-testid=credits-used]").textContent = summary.used;
    $("[data-testid=credits-limit]").textContent = summary.limit ?? "";
    $("[data-testid=credits-remaining]").textContent = summary.remaining ?? "";
    const gauge = $("#gauge");
    const unlimited = summary.limit === null;
    gauge.hidden = unlimited;
    $("#unlimited").hidden = !unlimited;
    if (!unlimited) {
      gauge.max = Math.max(summary.limit, 1);
      gauge.high = gauge.max * 0.8;
      gauge.value = summary.used;
    }
    $("#period").textContent = summary.periodStart
      ? `${formatDate(summary.periodStart)} to ${formatDate(summary.periodEnd)}`
      : "No current period: the organisation has no active plan.";
    $("#by-type").replaceChildren(
      ...summary.byType.map((row) =>
        el(
          "tr",
          { "data-testid": "usage-by-type" },
          el("th", { scope: "row" }, this.typeName(row.type)),
          el("td", { class: "number" }, row.count),
          el("td", { class: "number" }, row.used),
        ),
      ),
    );
    $("#by-type-empty").hidden = summary.byType.length > 0;
    this.checkLimit(summary);
  }

  /** The banner is the API's own word (`featureUsage`), asked for when the limit may be reached. */
  async checkLimit(summary) {
    const banner = $("[data-testid=limit-banner]");
    const mayBeReached = summary.remaining !== null && summary.remaining < this.cheapest;
    if (!mayBeReached && banner.hidden) return;
    const ticket = ++this.featureTicket;
    let feature;
    try {
      feature = (await graphql(FEATURE, {}, this.session)).featureUsage;
    } catch (error) {
      say(errorBox, `The plan's limit could not be checked: ${error.message}`);
      return;
    }
    if (ticket === this.featureTicket) say(banner, feature.enabled ? null : feature.message);
  }

  async loadHistory() {
    const since = this.summary.periodStart;
    const rows = [];
    let after = null;
    let complete = false;
    try {
      for (let page = 0; page < HISTORY_PAGES; page += 1) {
        const { creditUsages } = await graphql(LEDGER, { first: 100, after, since }, this.session);
        rows.push(...creditUsages.edges.map((edge) => edge.node));
        complete = !creditUsages.pageInfo.hasNextPage;
        if (complete) break;
        after = creditUsages.pageInfo.endCursor;
      }
    } catch (error) {
      say(errorBox, `The usage history could not be loaded: ${error.message}`);
      return;
    }
    this.chart.setHistory(rows, this.summary.used, since, complete);
  }

  async loadPacks() {
    let packs;
    try {
      packs = (await graphql(PACKS, {}, this.session)).creditPacks;
    } catch {
      return; // Billing is off on this server (BillingDisabled): nothing to buy.
    }
    if (!packs.length) return;
    $("#packs").replaceChildren(...packs.map((pack) => this.packButton(pack)));
    $("#packs-section").hidden = false;
  }

  packButton(pack) {
    const button = el("button", { type: "button", "data-testid": "buy-pack" }, `Buy ${pack.credits} credits`);
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const data = await graphql(BUY_PACK, { input: { priceId: pack.priceId } }, this.session);
        location.assign(unwrap(data.createCreditPackCheckoutSession, "CreateCreditPackCheckoutSessionSuccess").url);
      } catch (error) {
        say(errorBox, `Checkout could not start: ${error.message}`);
        button.disabled = false;
      }
    });
    return button;
  }
}

function showStatus(status) {
  const node = $("[data-testid=live-status]");
  node.hidden = false;
  node.textContent = STATUS_TEXT[status] ?? status;
  node.classList.toggle("live", status === "live");
}

function refusal(error) {
  switch (error.code) {
    case "UNAUTHENTICATED":
      return `This token was not accepted (${error.message}). Paste a valid token to sign in.`;
    case "FORBIDDEN":
      return `This account cannot see the credits of "${tenantSlug}" (${error.message}).`;
    default:
      return `The credits could not be loaded: ${error.message}`;
  }
}

function showSignIn() {
  $("#dashboard").hidden = true;
  $("#sign-out").hidden = true;
  $("#sign-in-section").hidden = false;
}

async function open(token) {
  const session = { token, tenant: tenantSlug };
  let page;
  try {
    page = await graphql(PAGE, {}, session);
  } catch (error) {
    // A token that is not accepted is dropped; a good one stays for the tenants it can see.
    if (error.code === "UNAUTHENTICATED") forget();
    showSignIn();
    say(errorBox, refusal(error));
    $("[data-testid=token-input]").focus();
    return;
  }
  remember(session);
  say(errorBox, null);
  $("#sign-in-section").hidden = true;
  $("#dashboard").hidden = false;
  const signOut = $("#sign-out");
  signOut.hidden = false;
  const credits = new CreditsPage(session, page);
  signOut.addEventListener(
    "click",
    () => {
      credits.stop();
      forget();
      location.reload();
    },
    { once: true },
  );
  credits.start();
}

function main() {
  $("#sign-in-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = $("[data-testid=token-input]");
    const token = input.value.trim();
    input.value = "";
    open(token);
  });
  const token = storedToken();
  if (token) open(token);
  else showSignIn();
}

main();
