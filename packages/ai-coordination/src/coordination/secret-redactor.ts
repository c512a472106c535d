/** Key shapes of the vendors we call, caught even when the value was never registered. */
const KEY_PATTERNS = [/sk-ant-[A-Za-z0-9_-]{8,}/g, /sk-[A-Za-z0-9_-]{16,}/g, /pplx-[A-Za-z0-9_-]{8,}/g];
const MASK = '[redacted]';

/** Removes API keys from text and JSON before it is logged, stored or thrown. */
export class SecretRedactor {
  private readonly secrets: string[];

  constructor(secrets: Iterable<string | undefined> = []) {
    this.secrets = [...secrets].filter((s): s is string => typeof s === 'string' && s.length >= 6);
  }

  /** Secrets from every `*_API_KEY` variable of an environment. */
  static fromEnv(env: Record<string, string | undefined>): SecretRedactor {
    return new SecretRedactor(
      Object.entries(env)
        .filter(([k]) => k.endsWith('_API_KEY'))
        .map(([, v]) => v),
    );
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(MASK);
    for (const pattern of KEY_PATTERNS) out = out.replace(pattern, MASK);
    return out;
  }

  /** Redacts every string inside a JSON value. */
  redactJson<T>(value: T): T {
    return JSON.parse(this.redact(JSON.stringify(value))) as T;
  }
}
