// The only way the panel builds DOM. Event fields are attacker-controlled: they go in as text
// (textContent) and nowhere else. Attributes are set only from the fixed names and values the
// panel's own code chooses (roles, classes, ids), never from event data.

export type Child = Node | string | null | undefined | false;

export interface Props {
  className?: string;
  /** ARIA role. */
  role?: string;
  /** Fixed attributes (aria-*, tabindex, type…); values must come from the panel's code. */
  attrs?: Record<string, string | number>;
  title?: string;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) element.className = props.className;
  if (props.role) element.setAttribute('role', props.role);
  // `title` is set through the property: an attribute value, but shown as plain text.
  if (props.title !== undefined) element.title = props.title;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, String(value));
  append(element, ...children);
  return element;
}

/** Appends children; strings become text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** A text node for any value. */
export function text(value: unknown): Text {
  return document.createTextNode(value === null || value === undefined ? '' : String(value));
}

export function button(label: string, onClick: () => void, props: Props = {}): HTMLButtonElement {
  const b = el('button', { ...props, attrs: { type: 'button', ...props.attrs } }, label);
  b.addEventListener('click', onClick);
  return b;
}

export function clear(element: Element): void {
  while (element.firstChild) element.removeChild(element.firstChild);
}
