/**
 * Text that people choose (display names, topics, room names, links Zoom found) is shown in the
 * dashboard and in sentences around it: these keep it from changing how the rest reads or acts.
 */

/** Bidi embeddings, overrides and isolates (LRE..RLO, LRI..PDI): a name with them can reverse the text after it. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
const BIDI_CONTROLS = new RegExp(BIDI_CONTROL.source, 'g');

export function stripBidi(s: string): string {
  return s.replace(BIDI_CONTROLS, '');
}

/**
 * Strips bidi controls from every string in a freshly parsed JSON value, in place (the value is
 * the receiver's own copy), and returns it: one pass where data enters the dashboard covers every
 * place that shows it.
 */
export function stripBidiDeep<T>(value: T): T {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = clean(value[i]);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = clean(record[key]);
  }
  return value;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return BIDI_CONTROL.test(value) ? stripBidi(value) : value;
  return stripBidiDeep(value);
}

/** The URL when it is an absolute http: or https: one, fit for an href; null for anything else (javascript:, data:...). */
export function webLink(url: string | null | undefined): string | null {
  if (typeof url !== 'string') return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}
