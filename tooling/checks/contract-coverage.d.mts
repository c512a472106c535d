/** One implementation of a contracts interface found in the sources. */
export interface Implementation {
  /** Class name, or the top-level function or const that makes the object literal. */
  name: string;
  kind: 'class' | 'object literal';
  iface: string;
  /** The contract suite for `iface`, when contracts' testing entry exports one. */
  suite: string | undefined;
  covered: boolean;
  file: string;
  line: number;
}
export function suiteNameFor(iface: string): string;
export function findImplementations(baseDir: string): Implementation[];
export function findUncoveredImplementations(baseDir: string): Implementation[];
export function describeUncovered(impl: Implementation): string;
