import { Template } from '@huggingface/jinja';
import { TemplateUnsupportedError } from '@startup-factory/contracts';
import nunjucks from 'nunjucks';
import { BuiltinEngine } from '../src/render/builtin-engine';
import { pythonJsonString, type TextRenderer } from '../src/render/builtin-subset';

/**
 * Candidate text engines, measured against real cookiecutter with the same differential cases and
 * the same tree walk (names, _copy_without_render, modes, empty folders) as the built-in renderer.
 * Their failures count as refusals, so only silently different output counts against them.
 */
function guarded(render: TextRenderer): TextRenderer {
  return (source, context, file) => {
    try {
      return render(source, context, file);
    } catch (error) {
      throw new TemplateUnsupportedError({
        file,
        construct: 'candidate',
        message: `${file}: ${(error as Error).message}`,
      });
    }
  };
}

const jsonify = (value: unknown) =>
  typeof value === 'string' ? pythonJsonString(value) : JSON.stringify(value);

/** nunjucks (Jinja-like, JavaScript semantics), no autoescape, with cookiecutter's jsonify and slugify added. */
export function nunjucksCandidate(): BuiltinEngine {
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });
  env.addFilter('jsonify', jsonify);
  env.addFilter('slugify', (v: string) =>
    String(v)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, ''),
  );
  env.addGlobal('random_ascii_string', (n: number) => 'x'.repeat(n));
  return new BuiltinEngine(guarded((source, context) => env.renderString(source, { cookiecutter: context })));
}

/** @huggingface/jinja: a Jinja implementation with Python-like semantics, as it ships. */
export function huggingfaceCandidate(): BuiltinEngine {
  return new BuiltinEngine(
    guarded((source, context) => new Template(source).render({ cookiecutter: context })),
  );
}
