'use client';

export interface Sort {
  field: string;
  dir: 'asc' | 'desc';
}

interface SortHeaderProps {
  label: string;
  field: string;
  sort: Sort;
  onSort: (sort: Sort) => void;
}

/** A column header that sorts the list by its field; a second click reverses the order. */
export function SortHeader({ label, field, sort, onSort }: SortHeaderProps) {
  const active = sort.field === field;
  const next: Sort = { field, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' };
  return (
    <th
      scope="col"
      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      className="px-4 py-3 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase"
    >
      <button
        type="button"
        onClick={() => onSort(next)}
        className="group inline-flex items-center gap-1 rounded uppercase hover:text-slate-900"
      >
        {label}
        <span
          aria-hidden="true"
          className={active ? 'text-indigo-700' : 'text-slate-400 group-hover:text-slate-600'}
        >
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
