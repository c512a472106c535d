/**
 * Runs before every test file: removes the caller's settings that change the factory's behaviour
 * (FACTORY_*, AI provider keys and URLs, a generated app's APP_*), so a test sees only what it sets
 * itself and `pnpm test` gives the same results on any machine. Server URLs (DATABASE_URL,
 * REDIS_URL), CI and cache locations stay: tests skip or use those on purpose.
 */
const KEEP = new Set(['FACTORY_PACKAGE_STORE']);
const BEHAVIOUR = [/^FACTORY_/, /^APP_/, /_API_KEY$/, /^(OPENAI|ANTHROPIC|PERPLEXITY|OLLAMA)_/];

for (const name of Object.keys(process.env)) {
  if (!KEEP.has(name) && BEHAVIOUR.some((pattern) => pattern.test(name))) delete process.env[name];
}
