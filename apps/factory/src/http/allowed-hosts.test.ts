import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/factory-config';
import { HostPolicy, parseHost } from './allowed-hosts';

const at =
  (address: string, port: number): (() => AddressInfo) =>
  () => ({
    address,
    port,
    family: address.includes(':') ? 'IPv6' : 'IPv4',
  });
const host = (value: string) => {
  const parsed = parseHost(value);
  if (!parsed) throw new Error(`not a host: ${value}`);
  return { name: parsed.name, port: parsed.port ?? 80 };
};

describe('HostPolicy', () => {
  it('answers to loopback names on its own port only', () => {
    const policy = new HostPolicy([], at('127.0.0.1', 4310));
    expect(policy.allows(host('localhost:4310'))).toBe(true);
    expect(policy.allows(host('[::1]:4310'))).toBe(true);
    expect(policy.allows(host('127.0.0.1:4311'))).toBe(false);
    expect(policy.allows(host('evil.example:4310'))).toBe(false);
    expect(policy.allows(host('localhost.evil.example:4310'))).toBe(false);
  });

  it('answers to the address it is bound to, and to every interface address when bound to all', () => {
    expect(new HostPolicy([], at('10.1.2.3', 4310)).allows(host('10.1.2.3:4310'))).toBe(true);
    expect(new HostPolicy([], at('10.1.2.3', 4310)).allows(host('10.1.2.4:4310'))).toBe(false);
    const own = Object.values(networkInterfaces())
      .flat()
      .find((i) => i?.family === 'IPv4');
    const wildcard = new HostPolicy([], at('0.0.0.0', 4310));
    if (own) expect(wildcard.allows(host(`${own.address}:4310`))).toBe(true);
    expect(wildcard.allows(host('203.0.113.9:4310'))).toBe(false);
  });

  it('answers to allowed names on any port, or on the port they name', () => {
    const policy = new HostPolicy(
      [parseHost('factory.lan')!, parseHost('Proxy.Example:8443')!],
      at('127.0.0.1', 4310),
    );
    expect(policy.allows(host('FACTORY.lan'))).toBe(true);
    expect(policy.allows(host('factory.lan:9000'))).toBe(true);
    expect(policy.allows(host('proxy.example:8443'))).toBe(true);
    expect(policy.allows(host('proxy.example:443'))).toBe(false);
  });

  it('parses no value that smuggles a path, user or second host', () => {
    for (const value of ['a@127.0.0.1', '127.0.0.1/x', 'a b', 'localhost:99999', '-x', 'x:', ':80', '[::1']) {
      expect(parseHost(value), value).toBeUndefined();
    }
  });
});

describe('allowed hosts in the configuration', () => {
  it('reads FACTORY_ALLOWED_HOSTS as a comma or space separated list', () => {
    const config = loadConfig({
      env: { FACTORY_ALLOWED_HOSTS: 'factory.lan, proxy.example:8443' },
      cwd: tmpdir(),
    });
    expect(config.http.allowedHosts).toEqual(['factory.lan', 'proxy.example:8443']);
  });

  it('names a bad entry', () => {
    expect(() =>
      loadConfig({ env: { FACTORY_ALLOWED_HOSTS: 'http://factory.lan/' }, cwd: tmpdir() }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    expect(() => loadConfig({ env: { FACTORY_ALLOWED_HOSTS: 'a/b' }, cwd: tmpdir() })).toThrow(
      /http\.allowedHosts/,
    );
  });
});
