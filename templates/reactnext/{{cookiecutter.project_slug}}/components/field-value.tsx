import Link from 'next/link';
import { CellValue } from '@/components/cell-value';
import { findEntity, recordHref } from '@/lib/display';
import type { FieldDef, Row } from '@/lib/entity-types';
import { formatValue } from '@/lib/format';
import { ui } from '@/lib/ui';

/** A field on a detail page: references link to their record, URLs and emails are links too. */
export function FieldValue({ field, row }: { field: FieldDef; row: Row }) {
  const value = row[field.name];
  const text = formatValue(field, row);
  if (value === null || value === undefined || value === '') return <span className="text-slate-500">—</span>;
  if (field.type === 'reference') {
    const target = findEntity(field.references);
    return target ? (
      <Link href={recordHref(target, String(value))} className={ui.link}>
        {text}
      </Link>
    ) : (
      text
    );
  }
  if (field.type === 'url') {
    return (
      <a href={String(value)} className={`${ui.link} break-all`} rel="noopener noreferrer" target="_blank">
        {text}
      </a>
    );
  }
  if (field.type === 'email') {
    return (
      <a href={`mailto:${String(value)}`} className={`${ui.link} break-all`}>
        {text}
      </a>
    );
  }
  if (field.type === 'enum' || field.type === 'boolean') return <CellValue field={field} row={row} />;
  if (field.type === 'text') return <span className="whitespace-pre-wrap">{text}</span>;
  return <>{text}</>;
}
