import { stemmer } from 'stemmer';

/** Lowercase ASCII words of a text, accents folded: `Cafés & e-commerce` -> `cafes`, `e`, `commerce`. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** Porter stems of a text's words, so `clinics`, `clinic` and `clinical` meet on `clinic`. */
export function stemsOf(text: string): string[] {
  return wordsOf(text).map((word) => stemmer(word));
}

/** True when `phrase` (stems) occurs in `stems` as consecutive words. */
export function hasPhrase(stems: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= stems.length; i++) {
    if (phrase.every((stem, j) => stems[i + j] === stem)) return true;
  }
  return false;
}
