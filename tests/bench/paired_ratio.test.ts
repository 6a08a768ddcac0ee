import { describe, expect, it } from 'vitest';
import { pairedRatio } from '../../src/cli/paired_ratio.js';

describe('pairedRatio', () => {
  it('sees through a drift both variants share', () => {
    // The machine slows down 60% over the rounds; a is 10% faster in every round.
    const b = [1000, 1200, 1400, 1600];
    const a = b.map((x) => x * 0.9);
    const p = pairedRatio(a, b);
    expect(p.ratio).toBeCloseTo(0.9, 3);
    expect(p.ci95).toEqual([0.9, 0.9]);
    expect(p.roundsFaster).toBe(4);
    expect(p.verdict).toBe('faster');
  });

  it('calls a difference inside the noise level', () => {
    const p = pairedRatio([1312, 1229, 1131, 1437, 1607, 1969, 1676, 2079], [1342, 1228, 1345, 1409, 1772, 1904, 2102, 1997]);
    expect(p.ratio).toBeCloseTo(0.95, 2);
    expect(p.ci95![0]).toBeLessThan(1);
    expect(p.ci95![1]).toBeGreaterThan(1);
    expect(p.roundsFaster).toBe(4);
    expect(p.verdict).toBe('level');
  });

  it('calls a consistently slower variant slower', () => {
    expect(pairedRatio([1100, 1210, 1190], [1000, 1100, 1050]).verdict).toBe('slower');
  });

  it('gives no interval for one round and refuses unpaired lists', () => {
    expect(pairedRatio([900], [1000])).toEqual({ ratio: 0.9, rounds: 1, roundsFaster: 1, verdict: 'level' });
    expect(() => pairedRatio([1, 2], [1])).toThrow(/per round/);
    expect(() => pairedRatio([], [])).toThrow(/per round/);
  });
});
