/**
 * Realistic webhook bodies for every event type of the spec: the field tree comes from the spec
 * (test/fixtures/spec-fields.json, written by npm run gen:schemas) and the values look like what
 * Zoom really sends: base64 meeting UUIDs with `+`, `/` and `=`, GUID participant UUIDs, numeric
 * user_ids, ISO times, names in several scripts (Korean, accents, emoji).
 */
import { readFileSync } from 'node:fs';
import { mulberry32 } from '../../server/demo/simulator/random';

interface SpecField {
  name: string;
  required: boolean;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  format?: string;
  enumValues?: (string | number)[];
  children?: SpecField[];
  items?: SpecField;
}

const tree = JSON.parse(readFileSync(new URL('../fixtures/spec-fields.json', import.meta.url), 'utf8')) as {
  event: string;
  fields: SpecField[];
}[];

export const specEventNames = tree.map((e) => e.event);

export const NAMES = [
  'Ana Lima',
  '김민준',
  'Ken Watanabe',
  'Zoë Müller-Łukasz',
  'Priya 🎧 Raman',
  'Olu Adeyemi',
  '이서연',
  'François Dubois',
];

/** Small deterministic PRNG (the simulator's) so failures reproduce. */
export const rng = mulberry32;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function meetingUuid(random: () => number): string {
  let s = '';
  for (let i = 0; i < 22; i++) s += B64[Math.floor(random() * 64)];
  return `${s}==`;
}

function guid(random: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789ABCDEF'[Math.floor(random() * 16)]).join('');
  return `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
}

function accountUserId(random: () => number): string {
  return meetingUuid(random).slice(0, 22).replace(/[+/]/g, 'x');
}

interface Context {
  random: () => number;
  at: Date;
  name: string;
}

function stringValue(field: SpecField, path: string, ctx: Context): string {
  const { random } = ctx;
  const n = field.name;
  if (field.enumValues && field.enumValues.length > 0) return String(field.enumValues[0]);
  if (field.format === 'date-time' || /(_time|date_time|_at)$/.test(n))
    return ctx.at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (field.format === 'email' || /email$/.test(n)) {
    return `${
      ctx.name
        .split(' ')[0]!
        .toLowerCase()
        .replace(/[^a-z]/g, '') || 'guest'
    }@example.com`;
  }
  if (n === 'uuid' || n === 'meeting_uuid' || n === 'breakout_room_uuid') return meetingUuid(random);
  if (n === 'participant_uuid' || n === 'bind_participant_uuid') return guid(random);
  if (n === 'user_id' || n === 'parent_user_id' || n === 'bind_user_id')
    return String(16_778_240 + Math.floor(random() * 200_000) * 1024);
  if (n === 'id' && /\.object$/.test(path.slice(0, path.lastIndexOf('.'))))
    return String(8_000_000_000 + Math.floor(random() * 1e9));
  if (/(^|_)id$/.test(n) || n === 'operator') return accountUserId(random);
  if (/(user_name|invitee_name|inviter_name|^name|_name)$/.test(n)) return ctx.name;
  if (n === 'topic' || n.endsWith('topic') || n === 'summary_title') return 'Quarterly planning — 분기 계획';
  if (n === 'leave_reason') return `${ctx.name} left the meeting. Reason : left the meeting`;
  if (n === 'phone_number') return '+14155550123';
  if (n === 'timezone') return 'America/Los_Angeles';
  if (/url|link/.test(n)) return 'https://example.zoom.us/j/85746065432';
  if (n === 'password') return 'x7Kq2';
  if (n === 'public_ip' || n === 'device_ip') return '203.0.113.7';
  return `${n.replaceAll('_', ' ')} value`;
}

function valueOf(field: SpecField, path: string, ctx: Context): unknown {
  switch (field.type) {
    case 'string':
      return stringValue(field, path, ctx);
    case 'integer':
    case 'number':
      if (field.enumValues && field.enumValues.length > 0) return field.enumValues[0];
      if (field.name === 'duration') return 60;
      if (field.name === 'id' || field.name === 'meeting_id' || field.name === 'webinar_id') return 85_746_065_432;
      return Math.floor(ctx.random() * 100);
    case 'boolean':
      return ctx.random() < 0.5;
    case 'object':
      return objectOf(field.children ?? [], path, ctx);
    case 'array':
      if (field.children) return [objectOf(field.children, `${path}[]`, ctx)];
      if (field.items) return [valueOf(field.items, `${path}[]`, ctx)];
      return [];
  }
}

function objectOf(fields: SpecField[], path: string, ctx: Context): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const childPath = path ? `${path}.${field.name}` : field.name;
    out[field.name] = valueOf(field, childPath, ctx);
  }
  return out;
}

export interface RealisticOptions {
  seed?: number;
  at?: Date;
  name?: string;
}

/** A full, realistic body of the given event type (every field of the spec filled in). */
export function realisticEvent(event: string, options: RealisticOptions = {}): Record<string, unknown> {
  const spec = tree.find((e) => e.event === event);
  if (!spec) throw new Error(`no such event in the spec: ${event}`);
  const random = rng(options.seed ?? 1);
  const at = options.at ?? new Date();
  const ctx: Context = { random, at, name: options.name ?? NAMES[Math.floor(random() * NAMES.length)]! };
  const body = objectOf(spec.fields, '', ctx);
  body.event = event;
  body.event_ts = at.getTime();
  return body;
}
