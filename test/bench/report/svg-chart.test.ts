/**
 * @module test/bench/report/svg-chart — the hand-written chart: points land inside the plot, log ticks stay
 * within the axis, text is escaped, and an empty chart says so.
 */
import { describe, expect, it } from 'vitest';
import { compact, renderChart } from '../../../bench/report/svg-chart.js';

const coords = (svg: string, attr: 'cx' | 'cy'): number[] => [...svg.matchAll(new RegExp(`${attr}="([\\d.]+)"`, 'g'))].map((m) => Number(m[1]));

describe('renderChart', () => {
  const svg = renderChart({
    title: 'Tokens <a & b>',
    xLabel: 'tools',
    yLabel: 'tokens',
    xLog: true,
    yLog: true,
    width: 600,
    height: 400,
    series: [{ name: 'full', color: '#c00', line: true, points: [[24, 5_156], [9_119, 2_416_739]] }],
  });

  it('places every marker inside the plot area', () => {
    const xs = coords(svg, 'cx');
    const ys = coords(svg, 'cy');
    expect(xs.length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(78);
    expect(Math.max(...xs)).toBeLessThanOrEqual(576);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(44);
    expect(Math.max(...ys)).toBeLessThanOrEqual(344);
  });

  it('labels log ticks only within the axis range (10 … 10k tools, 1k … 10M tokens)', () => {
    const x = [...svg.matchAll(/text-anchor="middle" fill="#444">([^<]+)</g)].map((m) => m[1]);
    const y = [...svg.matchAll(/text-anchor="end" fill="#444">([^<]+)</g)].map((m) => m[1]);
    expect([x[0], x.at(-1)]).toEqual(['10', '10k']);
    expect([y[0], y.at(-1)]).toEqual(['1k', '10M']);
  });

  it('escapes text and draws one line for the series', () => {
    expect(svg).toContain('Tokens &lt;a &amp; b&gt;');
    expect(svg.match(/<path d="M/g)).toHaveLength(1);
  });

  it('says so when there is no data', () => {
    expect(renderChart({ title: 'Empty', xLabel: 'x', yLabel: 'y', series: [] })).toContain('Empty: no data');
  });
});

describe('compact', () => {
  it('abbreviates thousands and millions', () => {
    expect([compact(472), compact(5_156), compact(2_416_739), compact(0.5)]).toEqual(['472', '5.16k', '2.42M', '0.5']);
  });
});
