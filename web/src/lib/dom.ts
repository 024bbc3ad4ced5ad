// A tiny DOM toolkit: `h` builds elements, `keyed` reuses them across renders so lists update in place.
type Child = Node | string | number | false | null | undefined | Child[];
type Props = Record<string, unknown>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v as EventListener);
      else if (k === 'class') el.className = String(v);
      else if (k === 'text') el.textContent = String(v);
      else if (k === 'value' || k === 'checked' || k === 'disabled' || k === 'hidden') (el as unknown as Record<string, unknown>)[k] = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === false || c === null || c === undefined) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** Writes only when the value changed: renders run every frame while the cluster is busy. */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

export function setAttr(el: Element, name: string, value: string | null): void {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

export function setClass(el: Element, cls: string): void {
  if (el.className !== cls) el.className = cls;
}

export function $<T extends Element = HTMLElement>(sel: string, root: ParentNode = document): T {
  const el = root.querySelector<T>(sel);
  if (!el) throw new Error(`missing element ${sel}`);
  return el;
}

/**
 * Makes `parent`'s children exactly one element per item, in order, reusing the element of the same key (so focus,
 * open state and CSS transitions survive a re-render). `parent` must hold nothing else.
 */
export function keyed<T, E extends Element>(
  parent: Element,
  cache: Map<string, E>,
  items: readonly T[],
  key: (t: T) => string,
  create: (t: T) => E,
  update: (el: E, t: T) => void,
): void {
  const next = new Map<string, E>();
  for (const it of items) {
    const k = key(it);
    let el = cache.get(k);
    if (!el) el = create(it);
    update(el, it);
    next.set(k, el);
  }
  for (const [k, el] of cache) if (!next.has(k)) el.remove();
  let cursor = parent.firstElementChild;
  for (const el of next.values()) {
    if (el === cursor) cursor = cursor.nextElementSibling;
    else parent.insertBefore(el, cursor);
  }
  cache.clear();
  for (const [k, el] of next) cache.set(k, el);
}
