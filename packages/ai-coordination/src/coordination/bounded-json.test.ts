import { describe, expect, it } from 'vitest';
import { boundedJson, boundedSections } from './bounded-json';
import { seededRandom } from './seeded-random';

/** A random JSON value: nested objects and arrays of words and numbers, some very long. */
function randomJson(random: () => number, depth = 0): unknown {
  const pick = random();
  if (depth > 3 || pick < 0.3) {
    if (pick < 0.1) return Math.round(random() * 1e6);
    const words = Math.ceil(random() ** 3 * 400);
    return Array.from({ length: words }, (_, i) => `word${i}"\\`).join(' ');
  }
  if (pick < 0.6) return Array.from({ length: Math.ceil(random() * 8) }, () => randomJson(random, depth + 1));
  return Object.fromEntries(
    Array.from({ length: Math.ceil(random() * 6) }, (_, i) => [`key${i}`, randomJson(random, depth + 1)]),
  );
}

describe('boundedJson', () => {
  it('keeps a value that fits exactly as JSON.stringify writes it', () => {
    const value = { a: [1, 2, { b: 'text' }], c: null };
    expect(boundedJson(value, 1000)).toEqual({ text: JSON.stringify(value), omitted: false });
  });

  it('always returns valid JSON within the budget, whatever the value', () => {
    const random = seededRandom(42);
    for (let round = 0; round < 200; round++) {
      const value = randomJson(random);
      const max = 200 + Math.floor(random() * 4000);
      const { text, omitted } = boundedJson(value, max);
      expect(() => JSON.parse(text)).not.toThrow();
      expect(text.length).toBeLessThanOrEqual(max);
      expect(omitted).toBe(JSON.stringify(value).length > max);
      if (omitted) expect(text).toContain('left out');
    }
  });

  it('shortens long strings at a word and says how much was left out', () => {
    const { text } = boundedJson({ rationale: 'Couriers plan routes by hand. '.repeat(200) }, 1000);
    const rationale = JSON.parse(text).rationale as string;
    expect(rationale).toMatch(/^Couriers plan routes by hand\..* … \[\d+ more characters left out\]$/);
  });

  it('keeps the first array items and names the ones it left out', () => {
    const entities = Array.from({ length: 30 }, (_, i) => ({ name: `Entity${i}`, notes: 'x'.repeat(300) }));
    const { text } = boundedJson({ entities }, 3000);
    const kept = JSON.parse(text).entities as unknown[];
    expect(kept.length).toBeLessThan(30);
    expect(kept.at(-1)).toMatch(/more items left out: .*Entity29/);
    expect(kept[0]).toMatchObject({ name: 'Entity0' });
  });
});

describe('boundedSections', () => {
  it('keeps small sections whole beside a large one, which is summarised', () => {
    const sections = {
      small: { summary: 'Short.' },
      large: { items: Array.from({ length: 500 }, (_, i) => `item ${i} `.repeat(10)) },
      medium: { list: ['a', 'b', 'c'] },
    };
    const { text, omitted } = boundedSections(sections, 4000);
    expect(text.length).toBeLessThanOrEqual(4000);
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(['small', 'large', 'medium']);
    expect(parsed.small).toEqual(sections.small);
    expect(parsed.medium).toEqual(sections.medium);
    expect(JSON.stringify(parsed.large)).toContain('left out');
    expect(omitted).toBe(true);
  });
});
