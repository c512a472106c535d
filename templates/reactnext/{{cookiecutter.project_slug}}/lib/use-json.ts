import { useCallback, useEffect, useState } from 'react';
import { getJson } from './api-client';
import { signInPath } from './auth-paths';

export interface JsonState<T> {
  data: T | null;
  error: string | null;
  /** The answer's HTTP status when the request failed with one (404 shows "not found"). */
  status: number | null;
  loading: boolean;
  reload: () => void;
}

/** Loads `url` from the JSON API and again whenever it changes; the previous data stays visible while loading. */
export function useJson<T>(url: string | null): JsonState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<number | null>(null);
  const [loading, setLoading] = useState(url !== null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    setLoading(true);
    getJson<T>(url, controller.signal)
      .then((body) => {
        setData(body);
        setError(null);
        setStatus(null);
      })
      .catch((failure: unknown) => {
        if (controller.signal.aborted) return;
        // The session ended (signed out elsewhere, expired, removed from the workspace): sign in again.
        if ((failure as { status?: number }).status === 401) {
          window.location.assign(signInPath(window.location.pathname + window.location.search));
          return;
        }
        setError(failure instanceof Error ? failure.message : String(failure));
        setStatus((failure as { status?: number }).status ?? null);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [url, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, status, loading, reload };
}
