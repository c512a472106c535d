/** A cached AI answer, keyed by content. */
export interface CachedResult {
  text: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  finishReason: 'stop' | 'length' | 'error' | 'other';
  storedAt: number;
}

/**
 * Content-addressed store of AI results with a time to live: in process or shared on Redis, so a
 * repeated request answers without a vendor call. `ttlMs` defaults to the implementation's own.
 */
export interface IResultCache {
  /** The value stored under `key`, or null when there is none or it expired. */
  get(key: string): Promise<CachedResult | null>;
  /** Stores `value` under `key`, replacing any earlier value, until `ttlMs` from now. */
  set(key: string, value: CachedResult, ttlMs?: number): Promise<void>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
