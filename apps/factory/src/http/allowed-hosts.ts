import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';

/** `name` or `name:port`: a DNS name, an IPv4 address or a bracketed IPv6 address. */
export const HOST_PATTERN = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?$/i;

export interface HostAndPort {
  /** Lower-cased; IPv6 addresses in brackets, as they appear in a Host header. */
  name: string;
  /** Undefined when the value names no port. */
  port: number | undefined;
}

/** A Host header value or an allowed-host entry; undefined when it is not one. */
export function parseHost(value: string): HostAndPort | undefined {
  const match = HOST_PATTERN.exec(value);
  if (!match) return undefined;
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && port > 65_535) return undefined;
  return { name: match[1]!.toLowerCase(), port };
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);
const WILDCARDS = new Set(['0.0.0.0', '::']);

const bracketed = (address: string) => (address.includes(':') ? `[${address}]` : address);

/**
 * Which hosts a request may name. A DNS-rebinding page reaches this server under the attacker's
 * name, so only names we know are ours pass: the loopback names and the address the server
 * listens on (every interface address when it listens on all), on its own port, and the hosts the
 * operator allowed. An IP literal cannot be rebound, so answering to our own addresses is safe.
 */
export class HostPolicy {
  private readonly allowed: HostAndPort[];

  constructor(
    allowedHosts: HostAndPort[],
    /** Where the server listens; null before it listens (`inject`), when no port can be checked. */
    private readonly listening: () => AddressInfo | null,
  ) {
    this.allowed = allowedHosts;
  }

  /** `host.port` is the explicit port, or the scheme's default when the value named none. */
  allows(host: { name: string; port: number }): boolean {
    if (this.allowed.some((a) => a.name === host.name && (a.port === undefined || a.port === host.port)))
      return true;
    const address = this.listening();
    if (!address) return LOOPBACK_NAMES.has(host.name);
    if (host.port !== address.port) return false;
    if (LOOPBACK_NAMES.has(host.name)) return true;
    if (!WILDCARDS.has(address.address)) return host.name === bracketed(address.address).toLowerCase();
    return Object.values(networkInterfaces())
      .flat()
      .some((iface) => iface !== undefined && bracketed(iface.address).toLowerCase() === host.name);
  }
}
