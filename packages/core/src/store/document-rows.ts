/** The three arrays `putDocumentsSql` unnests. */
export type DocumentParams = [collections: string[], keys: string[], values: string[]];

/**
 * The parameters of documents to put, one row per key (the last value wins, as one INSERT may not
 * update a row twice); undefined when there is none.
 */
export function documentParams(
  documents: ReadonlyArray<{ collection: string; key: string; value: unknown }>,
): DocumentParams | undefined {
  const rows = [...new Map(documents.map((d) => [`${d.collection}\u0000${d.key}`, d])).values()];
  if (rows.length === 0) return undefined;
  return [rows.map((d) => d.collection), rows.map((d) => d.key), rows.map((d) => JSON.stringify(d.value))];
}

/** The upsert of documents whose three arrays are the parameters from `$first` on. */
export function putDocumentsSql(first: number): string {
  return `INSERT INTO sf_documents (collection, key, value)
    SELECT * FROM unnest($${first}::text[], $${first + 1}::text[], $${first + 2}::jsonb[])
    ON CONFLICT (collection, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`;
}
