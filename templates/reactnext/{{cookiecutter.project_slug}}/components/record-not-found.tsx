import Link from 'next/link';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { type EntityName, entities } from '@/lib/entities';
import { ui } from '@/lib/ui';

/** What a detail or edit page shows for an id that does not exist (any more). */
export function RecordNotFound({ name }: { name: EntityName }) {
  const entity = entities[name];
  return (
    <>
      <PageHeader title={`${entity.label} not found`} />
      <Notice
        title={`There is no such ${entity.label.toLowerCase()}`}
        action={
          <Link href={`/${entity.route}`} className={ui.primaryButton}>
            All {entity.pluralLabel.toLowerCase()}
          </Link>
        }
      >
        It may have been deleted.
      </Notice>
    </>
  );
}
