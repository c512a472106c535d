import type { GeneratedFile, GeneratorInput } from './generated-file';
export function generateFlutter(_input: GeneratorInput): GeneratedFile[] {
  return [];
}
