/**
 * What Zoom's identifiers and people look like: base64 meeting UUIDs (with `+`, `/` and `==`),
 * uppercase GUID participant UUIDs, 22-character account user ids, 10-11 digit meeting numbers, and
 * display names in many scripts, with the emoji, pronouns and device names people really use.
 */
import type { Random } from './random';

const bytes = (random: Random, n: number) => Buffer.from(Array.from({ length: n }, () => random.int(0, 255)));

/** 16 random bytes in base64, like `tubFEWg9SAaVamwu6V0+kw==`: one per meeting instance */
export function meetingUuid(random: Random): string {
  return bytes(random, 16).toString('base64');
}

/** `FDDC7C6F-D51D-137B-20AF-64D77D0CE70D`: one per participant connection */
export function participantUuid(random: Random): string {
  const hex = bytes(random, 16).toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `KDcuGIm1QgePTO8WbOqwIQ`: Zoom account and user ids */
export function zoomUserId(random: Random): string {
  return bytes(random, 16).toString('base64url');
}

/** the meeting number people type: 10 or 11 digits */
export function meetingNumber(random: Random): string {
  return random.chance(0.7) ? String(random.int(81_000_000_000, 99_999_999_999)) : String(random.int(2e9, 9e9 - 1));
}

/** documentation address ranges (RFC 5737), never a real host */
export function publicIp(random: Random): string {
  return `${random.pick(['203.0.113', '198.51.100', '192.0.2'])}.${random.int(1, 254)}`;
}

export function privateIp(random: Random): string {
  return random.chance(0.6)
    ? `192.168.${random.int(0, 255)}.${random.int(2, 254)}`
    : `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(2, 254)}`;
}

export const TIMEZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Seoul',
  'Asia/Tokyo',
  'Australia/Sydney',
];

export const MEETING_TOPICS = [
  'Weekly sync',
  'Design review — checkout flow',
  '분기 계획 회의',
  'Standup 🚀',
  'Revue de sprint',
  'Kundengespräch Müller GmbH',
  '新製品の打ち合わせ',
  'Onboarding: Zoë & Olu',
  'Incident review #4512',
  'Office hours',
  'Retro 🌱',
  '주간 업무 보고',
  'Reunião de vendas',
  'Architecture deep dive',
  '1:1 Priya / Ken',
];

export const WEBINAR_TOPICS = [
  'Product launch 2026 — live Q&A',
  'Roomwatch community call',
  '신제품 발표 웨비나',
  'Webinaire : sécurité des réunions',
  'All hands — April',
];

type Culture = { weight: number; people: () => [display: string, emailLocal: string] };

const KOREAN_FAMILY = [
  ['김', 'kim'],
  ['이', 'lee'],
  ['박', 'park'],
  ['최', 'choi'],
  ['정', 'jung'],
  ['강', 'kang'],
  ['윤', 'yoon'],
  ['장', 'jang'],
] as const;
const KOREAN_GIVEN = [
  ['민준', 'minjun'],
  ['서연', 'seoyeon'],
  ['지훈', 'jihoon'],
  ['하은', 'haeun'],
  ['도윤', 'doyoon'],
  ['예린', 'yerin'],
  ['시우', 'siwoo'],
  ['수아', 'sua'],
] as const;
const JAPANESE_FAMILY = [
  ['佐藤', 'sato'],
  ['鈴木', 'suzuki'],
  ['高橋', 'takahashi'],
  ['田中', 'tanaka'],
  ['渡辺', 'watanabe'],
  ['山本', 'yamamoto'],
] as const;
const JAPANESE_GIVEN = [
  ['陽菜', 'hina'],
  ['翔太', 'shota'],
  ['美咲', 'misaki'],
  ['健', 'ken'],
  ['蓮', 'ren'],
  ['さくら', 'sakura'],
] as const;
const CHINESE_FAMILY = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
] as const;
const CHINESE_GIVEN = [
  ['芳', 'fang'],
  ['伟', 'wei'],
  ['静', 'jing'],
  ['磊', 'lei'],
  ['婷', 'ting'],
] as const;
const LATIN_GIVEN = [
  'Zoë',
  'François',
  'José',
  'Łukasz',
  'Björn',
  'Chloé',
  'João',
  'İlkay',
  'Søren',
  'Renée',
  'Jürgen',
  'Małgorzata',
  'Ana',
  'Olu',
  'Priya',
  'Ken',
  'Sam',
  'Amara',
  'Mateo',
  'Aisha',
  'Liam',
  'Emma',
  'Noah',
  'Fatima',
  'Thu',
  'Siobhán',
];
const LATIN_FAMILY = [
  'Müller',
  'Dubois',
  'Álvarez',
  'Wiśniewski',
  'Ångström',
  'Lefèvre',
  'Gonçalves',
  'Yıldız',
  'Dvořák',
  'Nguyễn',
  'Lima',
  'Adeyemi',
  'Raman',
  "O'Brien",
  'García-Márquez',
  'Smith',
  'Okafor',
  'Johansson',
  'Rossi',
  'Kowalski',
  'Haddad',
  'Silva',
  'Novak',
  'Müller-Łukasiewicz',
];
const OTHER_SCRIPTS = [
  ['Анна Смирнова', 'anna.smirnova'],
  ['Дмитрий Иванов', 'dmitry.ivanov'],
  ['Ольга Кузнецова', 'olga.kuznetsova'],
  ['ليلى حداد', 'layla.haddad'],
  ['عمر خليل', 'omar.khalil'],
  ['प्रिया शर्मा', 'priya.sharma'],
  ['अर्जुन पटेल', 'arjun.patel'],
  ['Νίκος Παπαδόπουλος', 'nikos.papadopoulos'],
  ['נועה לוי', 'noa.levi'],
  ['สมชาย ใจดี', 'somchai.jaidee'],
] as const;

/** ASCII email local part of a Latin name: accents dropped, ł/ø/ı folded ("" for other scripts) */
export function emailLocalOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ø/g, 'o')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

type Romanised = readonly (readonly [string, string])[];

/** East Asian names: family name first; the email uses the romanised given.family */
function familyFirst(random: Random, families: Romanised, givens: Romanised, separator: string) {
  return (): [string, string] => {
    const [family, familyLatin] = random.pick(families);
    const [given, givenLatin] = random.pick(givens);
    return [`${family}${separator}${given}`, `${givenLatin}.${familyLatin}`];
  };
}

function cultures(random: Random): Culture[] {
  return [
    { weight: 3, people: familyFirst(random, KOREAN_FAMILY, KOREAN_GIVEN, '') },
    { weight: 2, people: familyFirst(random, JAPANESE_FAMILY, JAPANESE_GIVEN, ' ') },
    { weight: 1, people: familyFirst(random, CHINESE_FAMILY, CHINESE_GIVEN, '') },
    {
      weight: 8,
      people: () => {
        const name = `${random.pick(LATIN_GIVEN)} ${random.pick(LATIN_FAMILY)}`;
        return [name, emailLocalOf(name)];
      },
    },
    {
      weight: 2,
      people: () => {
        const [name, emailLocal] = random.pick(OTHER_SCRIPTS);
        return [name, emailLocal];
      },
    },
  ];
}

const DECORATIONS = [' 🎧', ' 🌱', ' (she/her)', ' (he/him)', ' 🇰🇷', ' ☕', ' – on mobile'];
const DEVICE_NAMES = ['iPhone de Lucía', 'Galaxy S24 Ultra', "Ken's iPad", 'Conference Room 4B', 'MacBook Pro'];

export type IdentityKind = 'signed_in' | 'guest' | 'phone';

/** A person as Zoom sees them before they connect. */
export interface Identity {
  name: string;
  kind: IdentityKind;
  /** signed-in users only */
  email: string | null;
  /** the account user id (`id` / `participant_user_id`) of signed-in users */
  zoomUserId: string | null;
  /** PSTN callers: digits only, as Zoom sends it */
  phone: string | null;
}

/** fictional ranges: US 555-01xx, UK 07700 900xxx, Australia 0491 570 xxx */
function phoneNumber(random: Random): { phone: string; shown: string } {
  const kind = random.int(0, 2);
  if (kind === 0) {
    const n = `1415555${String(random.int(100, 199)).padStart(4, '0')}`;
    return { phone: n, shown: `+1 415****${n.slice(-4)}` };
  }
  if (kind === 1) {
    const n = `447700900${String(random.int(0, 999)).padStart(3, '0')}`;
    return { phone: n, shown: `+44 7700****${n.slice(-3)}` };
  }
  const n = `61491570${String(random.int(0, 999)).padStart(3, '0')}`;
  return { phone: n, shown: `+61 491****${n.slice(-3)}` };
}

export const EXTERNAL_DOMAINS = ['example.com', 'example.org', 'mail.example.net'];

export interface IdentityMix {
  signedIn: number;
  guest: number;
  phone: number;
}

/** Makes people; `domain` is the email domain of the account's own users. */
export class People {
  private readonly cultures: Culture[];

  constructor(private readonly random: Random) {
    this.cultures = cultures(random);
  }

  /**
   * A name as people type it when they join; `accountUser` for the licensed users who host, whose
   * name comes from their Zoom profile, never from a device (the same draws either way, so that a
   * seed's traffic does not depend on it).
   */
  displayName(accountUser = false): { name: string; emailLocal: string } {
    const culture = this.random.weighted(this.cultures.map((c) => [c, c.weight] as const));
    const [display, emailLocal] = culture.people();
    const roll = this.random.float();
    if (roll < 0.04 && !accountUser) return { name: this.random.pick(DEVICE_NAMES), emailLocal };
    if (roll < 0.14) return { name: `${display}${this.random.pick(DECORATIONS)}`, emailLocal };
    return { name: display, emailLocal };
  }

  person(domain: string, mix: IdentityMix = { signedIn: 0.4, guest: 0.5, phone: 0.1 }): Identity {
    const kind = this.random.weighted<IdentityKind>([
      ['signed_in', mix.signedIn],
      ['guest', mix.guest],
      ['phone', mix.phone],
    ]);
    if (kind === 'phone') {
      const { phone, shown } = phoneNumber(this.random);
      return { name: shown, kind, email: null, zoomUserId: null, phone };
    }
    const { name, emailLocal } = this.displayName();
    if (kind === 'guest') return { name, kind, email: null, zoomUserId: null, phone: null };
    const at = this.random.chance(0.75) ? domain : this.random.pick(EXTERNAL_DOMAINS);
    return { name, kind, email: `${emailLocal}@${at}`, zoomUserId: zoomUserId(this.random), phone: null };
  }
}
