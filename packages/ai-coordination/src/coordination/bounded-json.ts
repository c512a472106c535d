/** JSON text made to fit a size, and whether anything was left out to make it fit. */
export interface BoundedJson {
  text: string;
  omitted: boolean;
}

interface Limits {
  /** Longest string kept whole. */
  text: number;
  /** Array items (and object keys, three times as many) kept. */
  items: number;
  /** Deepest array or object kept; deeper ones become a marker. */
  depth: number;
}

/** Tighter and tighter limits, tried in turn until the text fits. */
const LEVELS: readonly Limits[] = [
  { text: 2000, items: 40, depth: 12 },
  { text: 1000, items: 24, depth: 10 },
  { text: 600, items: 16, depth: 8 },
  { text: 360, items: 10, depth: 7 },
  { text: 220, items: 7, depth: 6 },
  { text: 140, items: 5, depth: 5 },
  { text: 90, items: 4, depth: 4 },
  { text: 60, items: 3, depth: 3 },
  { text: 40, items: 2, depth: 2 },
  { text: 24, items: 1, depth: 1 },
  { text: 0, items: 0, depth: 0 },
];

/** Fields that name an item, listed in the marker of dropped items so a reader still knows them. */
const LABEL_KEYS = ['name', 'title', 'tier', 'path'] as const;

function labelOf(item: unknown): string | undefined {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return undefined;
  for (const key of LABEL_KEYS) {
    const label = (item as Record<string, unknown>)[key];
    if (typeof label === 'string' && label.length <= 60) return label;
  }
  return undefined;
}

/** Room the "… [N more characters left out]" marker needs. */
const TEXT_MARKER = 40;

/** `text` in at most `max` characters, shortened at a word and marked with how much was left out. */
export function shortenText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - TEXT_MARKER;
  if (room < 20) return `[text left out: ${text.length} characters]`;
  const cut = text.lastIndexOf(' ', room);
  const kept = text.slice(0, cut > room / 2 ? cut : room).trimEnd();
  return `${kept} … [${text.length - kept.length} more characters left out]`;
}

/** The marker for dropped array items: how many, and their names where they have one. */
function droppedItems(items: unknown[], more: boolean): string {
  const labels = items.map(labelOf).filter((l): l is string => l !== undefined);
  const named = labels.length > 0 ? `: ${shortenText(labels.join(', '), 400)}` : '';
  const count = `${items.length}${more ? ' more' : ''} ${items.length === 1 ? 'item' : 'items'}`;
  return `… [${count} left out${named}]`;
}

function shrink(value: unknown, limits: Limits, depth: number): unknown {
  if (typeof value === 'string') return shortenText(value, limits.text);
  if (Array.isArray(value)) {
    if (depth >= limits.depth) return value.length === 0 ? [] : droppedItems(value, false);
    const kept = value.slice(0, limits.items).map((v) => shrink(v, limits, depth + 1));
    return value.length > limits.items ? [...kept, droppedItems(value.slice(limits.items), true)] : kept;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (depth >= limits.depth) {
      if (entries.length === 0) return {};
      return `[object left out: ${shortenText(entries.map(([k]) => k).join(', '), 200)}]`;
    }
    const keys = Math.max(limits.items * 3, 1);
    const kept = entries.slice(0, keys).map(([k, v]) => [k, shrink(v, limits, depth + 1)]);
    if (entries.length > keys) {
      const rest = entries.slice(keys).map(([k]) => k);
      kept.push(['…', `[${rest.length} more keys left out: ${shortenText(rest.join(', '), 200)}]`]);
    }
    return Object.fromEntries(kept);
  }
  return value;
}

/**
 * The JSON text of `value` in at most `maxChars` characters. What does not fit is summarised, not
 * cut: long strings are shortened at a word, arrays keep their first items, deep values become a
 * marker, and each says "left out" (dropped items by name where they have one). The text is always
 * valid JSON; only a budget too small for a marker may be exceeded.
 */
export function boundedJson(value: unknown, maxChars: number): BoundedJson {
  const whole = JSON.stringify(value ?? null);
  if (whole.length <= maxChars) return { text: whole, omitted: false };
  let text = whole;
  for (const limits of LEVELS) {
    text = JSON.stringify(shrink(value, limits, 0));
    if (text.length <= maxChars) return { text, omitted: true };
  }
  return { text: JSON.stringify(`[left out: ${whole.length} characters]`), omitted: true };
}

/**
 * The JSON object of `sections` in at most `maxChars`, shared fairly: sections smaller than an even
 * share stay whole, and what they leave over goes to the larger ones, which are summarised.
 */
export function boundedSections(sections: Record<string, unknown>, maxChars: number): BoundedJson {
  const whole = JSON.stringify(sections);
  if (whole.length <= maxChars) return { text: whole, omitted: false };
  const entries = Object.entries(sections).map(([key, value]) => ({
    key,
    value,
    size: JSON.stringify(value ?? null).length,
  }));
  // Braces, commas, quoted keys and colons.
  let remaining = maxChars - 2 - entries.reduce((n, e) => n + JSON.stringify(e.key).length + 2, 0);
  const texts = new Map<string, string>();
  let omitted = false;
  const bySize = [...entries].sort((a, b) => a.size - b.size);
  for (const [i, entry] of bySize.entries()) {
    const share = Math.floor(remaining / (bySize.length - i));
    const bounded = boundedJson(entry.value, Math.max(share, 0));
    omitted ||= bounded.omitted;
    texts.set(entry.key, bounded.text);
    remaining -= bounded.text.length;
  }
  const body = entries.map((e) => `${JSON.stringify(e.key)}:${texts.get(e.key)}`).join(',');
  return { text: `{${body}}`, omitted };
}
