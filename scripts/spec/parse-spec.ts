/**
 * Parses the text rendering of Zoom's webhook OpenAPI document (scripts/spec/zoom-meeting-webhooks.txt)
 * into a field tree per event type. The rendering flattens nesting into a line protocol:
 *   - a field line is `name(required)?type[, format:x][, possible values:...]— description`
 *   - a trailing ` -` announces a sibling, a trailing `-` glued to the text opens the field's children
 *   - `Items:` ends an array line; its item type follows (a scalar line, `Any of:`, or `-` children)
 *   - a run of k lone `-` lines after a last child closes k-1 levels (the last dash separates siblings)
 */

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export interface SpecField {
  name: string;
  required: boolean;
  type: FieldType;
  format?: string;
  enumValues?: (string | number)[];
  description: string;
  /** object: its fields; array of objects: the item's fields */
  children?: SpecField[];
  /** array of scalars: the item */
  items?: SpecField;
}

export interface SpecOperation {
  event: string;
  tag: string;
  fields: SpecField[];
  example: unknown;
}

const TYPES = 'string|integer|number|boolean|object|array';
const FIELD_LINE = new RegExp(`^([A-Za-z0-9_]+?)(\\(required\\))?(${TYPES})(?=$|,|—| |-|Items:)(.*)$`);
const ITEM_LINE = new RegExp(`^(${TYPES})(?=$|,|—| |-)(.*)$`);

interface LineInfo {
  field: SpecField;
  opensChildren: boolean;
  opensItems: boolean;
  hasSibling: boolean;
}

function parseAttributes(rest: string): Pick<SpecField, 'format' | 'enumValues' | 'description'> {
  const dash = rest.indexOf('—');
  const attributes = dash >= 0 ? rest.slice(0, dash) : rest;
  const description = dash >= 0 ? rest.slice(dash + 1).trim() : '';
  const format = /, format:([A-Za-z0-9\- ]+?)(?=,| -$|-$|$)/.exec(attributes)?.[1]?.trim();
  const values = /possible values:(.*)$/.exec(attributes)?.[1];
  let enumValues: (string | number)[] | undefined;
  if (values !== undefined) {
    const quoted = [...values.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    enumValues =
      quoted.length > 0
        ? quoted
        : values
            .split(',')
            .map((s) => s.trim().replace(/ ?-$/, ''))
            .filter((s) => /^-?\d+$/.test(s))
            .map(Number);
  }
  return { format, enumValues, description };
}

function interpretLine(line: string, name: string, required: boolean, type: FieldType, rest: string): LineInfo {
  const attrs = parseAttributes(rest);
  const trimmed = line.trimEnd();
  const opensItems = type === 'array' && trimmed.endsWith('Items:');
  const hasSibling = !opensItems && / -$/.test(trimmed);
  const opensChildren = !opensItems && !hasSibling && type === 'object' && trimmed.endsWith('-');
  let description = attrs.description;
  if (opensItems) description = description.replace(/Items:$/, '');
  else if (hasSibling) description = description.replace(/ -$/, '');
  else if (opensChildren) description = description.replace(/-$/, '');
  const field: SpecField = { name, required, type, description: description.trim() };
  if (attrs.format) field.format = attrs.format;
  if (attrs.enumValues && attrs.enumValues.length > 0) field.enumValues = attrs.enumValues;
  return { field, opensChildren, opensItems, hasSibling };
}

export class SpecParseError extends Error {}

/** Parses the lines of one request body (between `Content-Type:` and `Example:`). */
export function parseFieldLines(lines: string[], event: string): SpecField[] {
  const root: SpecField[] = [];
  const stack: SpecField[][] = [];
  let pendingArray: SpecField | null = null;
  let lastHadSibling = true;
  let dashRun = 0;
  let started = false;

  const flushDashes = () => {
    if (dashRun === 0) return;
    if (!started) {
      stack.push(root);
      started = true;
      dashRun -= 1;
    }
    // after a last child, the final dash of the run is the parent's sibling separator
    const pops = lastHadSibling ? dashRun : dashRun - 1;
    for (let i = 0; i < pops && stack.length > 1; i++) stack.pop();
    dashRun = 0;
  };

  for (const rawLine of lines) {
    const line = rawLine.trim();
    if (line === '') continue;
    if (line === '-') {
      if (pendingArray) {
        const items: SpecField[] = [];
        pendingArray.children = items;
        stack.push(items);
        pendingArray = null;
        lastHadSibling = true;
        continue;
      }
      dashRun += 1;
      continue;
    }
    if (line === 'Any of:' || line === 'One of:' || line === 'All of:') continue;
    flushDashes();
    if (!started) throw new SpecParseError(`${event}: field before the opening dash: ${line}`);
    const container = stack[stack.length - 1]!;
    if (pendingArray) {
      const item = ITEM_LINE.exec(line);
      if (!item) throw new SpecParseError(`${event}: expected an array item after Items:, got: ${line}`);
      const info = interpretLine(line, 'item', true, item[1] as FieldType, item[2]!);
      pendingArray.items = info.field;
      pendingArray = null;
      lastHadSibling = info.hasSibling;
      continue;
    }
    const match = FIELD_LINE.exec(line);
    if (!match) throw new SpecParseError(`${event}: unparseable line: ${line}`);
    const info = interpretLine(line, match[1]!, Boolean(match[2]), match[3] as FieldType, match[4]!);
    container.push(info.field);
    if (info.opensChildren) {
      info.field.children = [];
      stack.push(info.field.children);
      lastHadSibling = true;
    } else if (info.opensItems) {
      pendingArray = info.field;
    } else {
      lastHadSibling = info.hasSibling;
    }
  }
  return root;
}

function extractExample(lines: string[], start: number): { example: unknown; end: number } {
  let depth = 0;
  const buf: string[] = [];
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    buf.push(line);
    for (const ch of line.replace(/"(?:[^"\\]|\\.)*"/g, '')) {
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
    }
    if (depth === 0 && buf.join('').trim().length > 0) return { example: JSON.parse(buf.join('\n')), end: i };
  }
  throw new SpecParseError('unterminated example');
}

export function parseSpec(text: string): SpecOperation[] {
  const lines = text.split('\n');
  const ops: SpecOperation[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^POST ([a-z_]+\.[a-z_]+)$/.exec(lines[i]!);
    if (!head) continue;
    const event = head[1]!;
    const tagLine = lines.slice(i, i + 5).find((l) => l.includes('Tags:')) ?? '';
    const tag = /Tags: (\w+)/.exec(tagLine)?.[1] ?? event.split('.')[0]!;
    let j = i + 1;
    while (j < lines.length && lines[j] !== 'Request Body') j++;
    while (j < lines.length && !lines[j]!.startsWith('Content-Type:')) j++;
    const bodyStart = j + 1;
    while (j < lines.length && lines[j] !== 'Example:') j++;
    const fields = parseFieldLines(lines.slice(bodyStart, j), event);
    const { example, end } = extractExample(lines, j + 1);
    // the response section repeats the request body; skip to the next operation
    i = end;
    if (ops.some((op) => op.event === event)) continue;
    ops.push({ event, tag, fields, example });
  }
  return ops;
}
