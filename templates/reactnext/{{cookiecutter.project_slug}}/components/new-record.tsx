'use client';

import { EntityForm } from '@/components/entity-form';
import { PageHeader } from '@/components/page-header';
import { type EntityName, entities } from '@/lib/entities';

/** `/<route>/new`: the empty form. */
export function NewRecord({ name }: { name: EntityName }) {
  const entity = entities[name];
  return (
    <>
      <PageHeader
        title={`New ${entity.label.toLowerCase()}`}
        description={entity.description}
        back={{ href: `/${entity.route}`, label: entity.pluralLabel }}
      />
      <EntityForm name={name} />
    </>
  );
}
