'use client';

import { EntityForm } from '@/components/entity-form';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { RecordNotFound } from '@/components/record-not-found';
import { recordHref } from '@/lib/display';
import { type EntityName, entities } from '@/lib/entities';
import type { Row } from '@/lib/entity-types';
import { ui } from '@/lib/ui';
import { useJson } from '@/lib/use-json';

/** `/<route>/<id>/edit`: loads the record, then the same form as "new", filled in. */
export function EditRecord({ name, id }: { name: EntityName; id: string }) {
  const entity = entities[name];
  const { data, error, status, reload } = useJson<Row>(`/api/${entity.route}/${encodeURIComponent(id)}`);

  if (status === 404) return <RecordNotFound name={name} />;
  return (
    <>
      <PageHeader
        title={data ? `Edit ${data._title}` : `Edit ${entity.label.toLowerCase()}`}
        back={
          data
            ? { href: recordHref(entity, data.id), label: data._title }
            : { href: `/${entity.route}`, label: entity.pluralLabel }
        }
      />
      {error && (
        <Notice
          tone="error"
          title={`Could not load this ${entity.label.toLowerCase()}`}
          action={
            <button type="button" className={ui.secondaryButton} onClick={reload}>
              Try again
            </button>
          }
        >
          {error}
        </Notice>
      )}
      {!error && !data && <p className="text-slate-600">Loading…</p>}
      {data && <EntityForm key={data.id} name={name} record={data} />}
    </>
  );
}
