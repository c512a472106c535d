/** English plural of the last word, as the template generators spell routes: `property` -> `properties`. */
export function pluralOf(text: string): string {
  if (/[^aeiou]y$/.test(text)) return `${text.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(text)) return `${text}es`;
  return `${text}s`;
}

export const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** `a shoot`, `an album`. */
export const withArticle = (text: string) => `${/^[aeiou]/i.test(text) ? 'an' : 'a'} ${text}`;

/** `a, b and c`. */
export const listed = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** `TattooSession` -> `tattoo session`. */
export const wordsOfName = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
