import { describe, expect, it } from 'vitest';
import { formatTable, formatValue, type Figure } from '../../../scripts/bench/report';

describe('formatValue', () => {
  it('shows short times and sizes to 0.1 and the rest whole, with separators', () => {
    expect(formatValue(1.34, 'ms')).toBe('1.3 ms');
    expect(formatValue(1_986.4, 'ms')).toBe('1,986 ms');
    expect(formatValue(0.11, 'KB')).toBe('0.1 KB');
    expect(formatValue(6_377.2, 'per_second')).toBe('6,377/s');
    expect(formatValue(50_000, 'count')).toBe('50,000');
    expect(formatValue(NaN, 'MB')).toBe('n/a');
  });
});

describe('formatTable', () => {
  it('is a Markdown table with a result only where there is a target', () => {
    const figures: Figure[] = [
      {
        benchmark: 'ingest',
        name: 'ack latency p99',
        unit: 'ms',
        roomwatch: 12.34,
        baseline: 3.2,
        target: '< 20 ms',
        pass: true,
      },
      {
        benchmark: 'scale',
        name: 'snapshot size',
        unit: 'KB',
        roomwatch: 416,
        baseline: null,
        target: null,
        pass: null,
      },
    ];
    expect(formatTable(figures).split('\n')).toEqual([
      '| benchmark | figure          | Roomwatch | baseline | target  | result |',
      '| --------- | --------------- | --------- | -------- | ------- | ------ |',
      '| ingest    | ack latency p99 | 12.3 ms   | 3.2 ms   | < 20 ms | PASS   |',
      '| scale     | snapshot size   | 416 KB    |          |         |        |',
    ]);
  });
});
