import { humanize } from '@/lib/display';
import type { FieldDef, Row } from '@/lib/entity-types';
import { formatValue } from '@/lib/format';
import { ui } from '@/lib/ui';

/** One field of a row in a table cell: yes/no and choices as badges, the rest as text. */
export function CellValue({ field, row }: { field: FieldDef; row: Row }) {
  const value = row[field.name];
  if (field.type === 'boolean' && value !== null && value !== undefined) {
    return (
      <span
        className={`${ui.badge} ${value ? 'bg-emerald-50 text-emerald-800' : 'bg-slate-100 text-slate-700'}`}
      >
        {formatValue(field, row)}
      </span>
    );
  }
  if (field.type === 'enum' && value) {
    return <span className={`${ui.badge} bg-indigo-50 text-indigo-800`}>{humanize(String(value))}</span>;
  }
  return <>{formatValue(field, row)}</>;
}
