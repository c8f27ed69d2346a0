/** The figures of a bench run, and the table they are printed as (Markdown, so it can go in the README). */

export type Unit = 'per_second' | 'ms' | 'MB' | 'KB' | 'count' | 'percent';

export interface Figure {
  benchmark: string;
  /** what is measured, in words */
  name: string;
  unit: Unit;
  roomwatch: number;
  /** the same figure of the baseline, measured in the same run (null where there is none) */
  baseline: number | null;
  /** the goal, in words, and whether this run met it (null: reported, no goal) */
  target: string | null;
  pass: boolean | null;
}

const SUFFIX: Record<Unit, string> = {
  per_second: '/s',
  ms: ' ms',
  MB: ' MB',
  KB: ' KB',
  count: '',
  percent: ' %',
};

/** a value with its unit, with thousands separators; ms and KB under 100 to 0.1 */
export function formatValue(value: number, unit: Unit): string {
  if (Number.isNaN(value)) return 'n/a';
  const digits = (unit === 'ms' || unit === 'KB') && value < 100 ? 1 : 0;
  const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${text}${SUFFIX[unit]}`;
}

const HEADER = ['benchmark', 'figure', 'Roomwatch', 'baseline', 'target', 'result'];

/** the figures as a Markdown table with aligned columns */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.benchmark,
    f.name,
    formatValue(f.roomwatch, f.unit),
    f.baseline === null ? '' : formatValue(f.baseline, f.unit),
    f.target ?? '',
    f.pass === null ? '' : f.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = HEADER.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(HEADER), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
