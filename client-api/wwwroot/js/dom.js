/** Builds an element: h('p', { class: 'x' }, 'text', child). Text is always set as text, never as HTML. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A definition list of label/value pairs, leaving out empty values. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));
}

/** An alert region: setting its text makes screen readers announce it. */
export function alertRegion(id) {
  return h('div', { class: 'error', role: 'alert', id });
}

export function statusRegion(id) {
  return h('div', { class: 'notice status', role: 'status', id });
}

export function formatTime(value) {
  if (!value) {
    return '';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

export function formatNumber(value) {
  return typeof value === 'number' ? value.toLocaleString('en-US') : String(value ?? '');
}

/** "in 3 min", "in 40 s", "2 h ago". */
export function relative(value) {
  const seconds = Math.round((new Date(value).getTime() - Date.now()) / 1000);
  const size = Math.abs(seconds);
  const text = size < 90 ? `${size} s` : size < 5400 ? `${Math.round(size / 60)} min` : `${Math.round(size / 3600)} h`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
}
