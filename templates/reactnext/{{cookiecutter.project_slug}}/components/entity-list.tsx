'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { EntityDef } from '../lib/entity-types';

type Row = Record<string, unknown>;

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** A table of the entity's rows, loaded from its API route. */
export function EntityList({ entity }: { entity: EntityDef }) {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetch(`/api/${entity.route}`)
      .then(async (response) => {
        const body = await response.json();
        if (!response.ok) throw new Error(body.error ?? response.statusText);
        setRows(body);
      })
      .catch((e: Error) => setError(e.message));
  }, [entity.route]);

  return (
    <section>
      <h1>{entity.pluralLabel}</h1>
      <p>{entity.description}</p>
      <p>
        <Link href={`/${entity.route}/new`}>New {entity.label.toLowerCase()}</Link>
      </p>
      {error && <p role="alert">Could not load: {error}</p>}
      {rows === null && !error && <p>Loading…</p>}
      {rows && rows.length === 0 && <p>Nothing here yet.</p>}
      {rows && rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>#</th>
              {entity.fields.map((f) => (
                <th key={f.name}>{f.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={String(row.id)}>
                <td>{show(row.id)}</td>
                {entity.fields.map((f) => (
                  <td key={f.name}>{show(row[f.name])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
