// The usage ledger (`creditUsages`), newest first, a cursor-paginated page at a time, filtered by
// credit type and by member. A Relay connection only goes forward, so "Newer" walks back through
// the cursors this page already used.

import { graphql } from "/web/js/api.js";
import { el, formatDate } from "/web/js/dom.js";

const PAGE_SIZE = 20;
// Reloads after live charges are grouped: a burst of charges costs one query, not one each.
const REFRESH_DELAY_MS = 100;

export const LEDGER = `
  query Ledger($first: Int!, $after: String, $type: String, $userId: ID, $since: DateTime) {
    creditUsages(first: $first, after: $after, type: $type, userId: $userId, since: $since) {
      edges { node { id type amount objectId createdAt user { id email } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

export class Ledger {
  /** `nodes`: { rows, empty, newer, older, typeFilter, memberFilter }; `typeName(value)`. */
  constructor(session, nodes, { typeName, onError }) {
    this.session = session;
    this.nodes = nodes;
    this.typeName = typeName;
    this.onError = onError;
    this.cursors = [null];
    this.index = 0;
    this.members = new Map();
    this.loading = 0;
    this.refreshTimer = null;
    nodes.older.addEventListener("click", () => this.load(this.index + 1));
    nodes.newer.addEventListener("click", () => this.load(this.index - 1));
    for (const filter of [nodes.typeFilter, nodes.memberFilter]) {
      filter.addEventListener("change", () => this.reset());
    }
  }

  setTypes(creditTypes) {
    this.nodes.typeFilter.append(...creditTypes.map((type) => el("option", { value: type.value }, type.name)));
  }

  /** Offers `user` in the member filter (members are learnt from the rows they charged). */
  addMember(user) {
    if (!user || this.members.has(user.id)) return;
    this.members.set(user.id, user.email);
    this.nodes.memberFilter.append(el("option", { value: user.id }, user.email));
  }

  reset() {
    this.cursors = [null];
    return this.load(0);
  }

  /** After a live charge: the newest page is reloaded (a reader of older pages is left alone). */
  refreshSoon() {
    if (this.index !== 0 || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      this.load(0);
    }, REFRESH_DELAY_MS);
  }

  /** Shows page `index`: 0 is the newest; `cursors[index]` is the cursor it starts after. */
  async load(index) {
    if (index < 0 || index >= this.cursors.length) return;
    const ticket = ++this.loading;
    const variables = {
      first: PAGE_SIZE,
      after: this.cursors[index] ?? null,
      type: this.nodes.typeFilter.value || null,
      userId: this.nodes.memberFilter.value || null,
    };
    let page;
    try {
      page = (await graphql(LEDGER, variables, this.session)).creditUsages;
    } catch (error) {
      this.onError(`The ledger could not be loaded: ${error.message}`);
      return;
    }
    // A slower, older answer never overwrites a newer one.
    if (ticket !== this.loading) return;
    this.index = index;
    this.cursors.length = index + 1;
    if (page.pageInfo.hasNextPage) this.cursors.push(page.pageInfo.endCursor);
    this.render(page, index);
  }

  render(page, index) {
    const nodes = page.edges.map((edge) => edge.node);
    nodes.forEach((node) => this.addMember(node.user));
    this.nodes.rows.replaceChildren(...nodes.map((node) => this.row(node)));
    this.nodes.empty.hidden = nodes.length > 0;
    this.nodes.newer.disabled = index === 0;
    this.nodes.older.disabled = !page.pageInfo.hasNextPage;
  }

  row(node) {
    return el(
      "tr",
      { "data-testid": "usage-row" },
      el("td", { class: "when" }, el("time", { datetime: node.createdAt }, formatDate(node.createdAt))),
      el("td", { class: "type" }, this.typeName(node.type)),
      el("td", { class: "amount number" }, node.amount),
      el("td", { class: "member wrap" }, node.user?.email ?? ""),
      el("td", { class: "object wrap" }, node.objectId ?? ""),
    );
  }
}
