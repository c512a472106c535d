import { StartupConfig } from '@startup-factory/contracts';
import { describe, expect, it } from 'vitest';
import { configsFrom } from './create-command';

describe('factory create --extra', () => {
  it("turns key=value pairs into the startup's template variables, keeping = inside values", () => {
    const [config] = configsFrom({
      name: 'Acme',
      industry: 'Software',
      category: 'Tools',
      extra: ['license=BSD-3', 'motto=a=b'],
      wait: true,
    });
    expect(StartupConfig.parse(config).templateVariables).toEqual({ license: 'BSD-3', motto: 'a=b' });
  });

  it('refuses a pair without a key as INVALID_CONFIG naming the flag', () => {
    expect(() => configsFrom({ name: 'Acme', extra: ['=x'], wait: true })).toThrow(
      /--extra "=x" must look like key=value/,
    );
  });

  it('refuses a private or odd key through the startup schema', () => {
    const [config] = configsFrom({
      name: 'Acme',
      industry: 'Software',
      category: 'Tools',
      extra: ['_copy_without_render=*'],
      wait: true,
    });
    expect(StartupConfig.safeParse(config).success).toBe(false);
  });
});
