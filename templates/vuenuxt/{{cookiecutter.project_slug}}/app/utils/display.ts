// Display helpers of the pages (auto-imported by Nuxt); the value formatting itself is lib/format.ts.
// The shared helpers live in lib/display.ts (every web template has it); re-exported here so Nuxt
// auto-imports them in pages and components like the two below.
export { fieldId, findEntity, formatTimestamp, humanize, listColumns, recordHref, withArticle } from '~~/lib/display';

/** The message of a failed API call: the server's `error`, else what went wrong on the way. */
export function apiError(error: unknown): string {
  if (error && typeof error === 'object') {
    const data = (error as { data?: unknown }).data;
    if (data && typeof data === 'object' && typeof (data as { error?: unknown }).error === 'string')
      return (data as { error: string }).error;
    const status = (error as { statusCode?: number }).statusCode;
    if (status) return `the server answered ${status}`;
    if (error instanceof Error) return error.message;
  }
  return String(error);
}

/** The field errors of a `400 {error, fields}` answer, if that is what it was. */
export function apiFieldErrors(error: unknown): Record<string, string> | null {
  const data = error && typeof error === 'object' ? (error as { data?: unknown }).data : undefined;
  const fields = data && typeof data === 'object' ? (data as { fields?: unknown }).fields : undefined;
  return fields && typeof fields === 'object' ? (fields as Record<string, string>) : null;
}
