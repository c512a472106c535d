'use client';

import Link from 'next/link';
import { useState } from 'react';
import { DeleteButton } from '@/components/delete-button';
import { FieldValue } from '@/components/field-value';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { RecordNotFound } from '@/components/record-not-found';
import { RelatedList } from '@/components/related-list';
import { formatTimestamp, recordHref } from '@/lib/display';
import { type EntityName, entities } from '@/lib/entities';
import type { RelatedList as Related, Row } from '@/lib/entity-types';
import { ui } from '@/lib/ui';
import { useJson } from '@/lib/use-json';

/** `/<route>/<id>`: every field of one record, what points at it, and Edit / Delete. */
export function EntityDetail({ name, id }: { name: EntityName; id: string }) {
  const entity = entities[name];
  const base = `/api/${entity.route}/${encodeURIComponent(id)}`;
  const record = useJson<Row>(base);
  const related = useJson<{ related: Related[] }>(`${base}/related`);
  const row = record.data;
  const [deleteError, setDeleteError] = useState<string | null>(null);

  if (record.status === 404) return <RecordNotFound name={name} />;
  if (record.error) {
    return (
      <>
        <PageHeader title={entity.label} back={{ href: `/${entity.route}`, label: entity.pluralLabel }} />
        <Notice
          tone="error"
          title={`Could not load this ${entity.label.toLowerCase()}`}
          action={
            <button type="button" className={ui.secondaryButton} onClick={record.reload}>
              Try again
            </button>
          }
        >
          {record.error}
        </Notice>
      </>
    );
  }
  if (!row) {
    return (
      <div aria-busy="true" className="space-y-4">
        <p className="sr-only">Loading…</p>
        <div className="h-9 w-64 animate-pulse rounded bg-slate-200" />
        <div className={`${ui.card} h-64 animate-pulse`} />
      </div>
    );
  }

  return (
    <>
      <PageHeader
        title={row._title}
        description={entity.description}
        back={{ href: `/${entity.route}`, label: entity.pluralLabel }}
        actions={
          <>
            <Link href={`${recordHref(entity, row.id)}/edit`} className={ui.secondaryButton}>
              Edit
            </Link>
            <DeleteButton entity={entity} id={row.id} title={row._title} onError={setDeleteError} />
          </>
        }
      />
      {deleteError && (
        <div
          role="alert"
          className="mb-6 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
        >
          <p className="font-semibold">The {entity.label.toLowerCase()} was not deleted.</p>
          <p>{deleteError}</p>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="details-heading" className={`${ui.card} lg:col-span-2`}>
          <h2
            id="details-heading"
            className="border-b border-slate-200 px-5 py-4 text-base font-semibold text-slate-900"
          >
            Details
          </h2>
          <dl className="divide-y divide-slate-100">
            {entity.fields.map((field) => (
              <div key={field.name} className="grid gap-1 px-5 py-3 sm:grid-cols-3 sm:gap-4">
                <dt className="text-sm font-medium text-slate-600">{field.label}</dt>
                <dd className="text-sm break-words text-slate-900 sm:col-span-2">
                  <FieldValue field={field} row={row} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
        <aside aria-label="Record history" className={`${ui.card} h-fit p-5 text-sm`}>
          <dl className="space-y-3">
            <div>
              <dt className="font-medium text-slate-600">Created</dt>
              <dd className="text-slate-900">{formatTimestamp(row.createdAt)}</dd>
            </div>
            <div>
              <dt className="font-medium text-slate-600">Last updated</dt>
              <dd className="text-slate-900">{formatTimestamp(row.updatedAt)}</dd>
            </div>
          </dl>
        </aside>
      </div>
      {related.data && related.data.related.length > 0 && (
        <div className="mt-8 space-y-4">
          <h2 className="text-lg font-semibold text-slate-900">Related records</h2>
          <div className="grid gap-6 md:grid-cols-2">
            {related.data.related.map((list) => (
              <RelatedList key={`${list.entity}:${list.field}`} related={list} />
            ))}
          </div>
        </div>
      )}
      {related.error && (
        <p className="mt-8 text-sm text-red-700">Could not load the related records: {related.error}</p>
      )}
    </>
  );
}
