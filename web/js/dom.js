// Building elements without innerHTML: every value from the API is set as text, so nothing it
// returns can become markup.

/** `el("td", { class: "number" }, "42")`; attributes set with setAttribute, children appended. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

/** Shows `message` in the element (role=alert, so screen readers announce it), or hides it. */
export function say(node, message) {
  node.textContent = message ?? "";
  node.hidden = !message;
}

export function formatDate(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}
