import { generateFlutter } from './flutter-generator';
import type { SpecGenerator } from './generated-file';
import { generateReactNext } from './react-next-generator';
import { generateVueNuxt } from './vue-nuxt-generator';

/** Built-in spec-driven generators, named by a template's `_factory.generator`. */
export const GENERATORS: Readonly<Record<string, SpecGenerator>> = {
  reactnext: generateReactNext,
  vuenuxt: generateVueNuxt,
  fluttermobile: generateFlutter,
};

export function findGenerator(name: string | undefined): SpecGenerator | undefined {
  return name !== undefined && Object.hasOwn(GENERATORS, name) ? GENERATORS[name] : undefined;
}
