import { cp, rm } from 'node:fs/promises';
import { defineConfig } from 'tsup';

/** Ships the repository's templates inside the package, where `defaultTemplatesDir()` looks first. */
async function copyTemplates(): Promise<void> {
  await rm('dist/templates', { recursive: true, force: true });
  await cp('../../templates', 'dist/templates', {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|\.next|\.nuxt|\.output)([\\/]|$)/.test(source),
  });
}

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  onSuccess: copyTemplates,
});
