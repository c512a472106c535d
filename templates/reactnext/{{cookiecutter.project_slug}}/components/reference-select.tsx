'use client';

import Link from 'next/link';
import { findEntity } from '@/lib/display';
import type { FieldDef } from '@/lib/entity-types';
import { ui } from '@/lib/ui';
import { useJson } from '@/lib/use-json';

interface Option {
  id: number;
  label: string;
}

interface ReferenceSelectProps {
  id: string;
  field: FieldDef;
  value: string;
  /** The title of the record the field points at now, shown even if it is not among the first options. */
  currentLabel?: string;
  describedBy?: string;
  invalid: boolean;
  onChange: (value: string) => void;
}

/** A select of the referenced entity's records, from `GET /api/<route>/options`. */
export function ReferenceSelect({
  id,
  field,
  value,
  currentLabel,
  describedBy,
  invalid,
  onChange,
}: ReferenceSelectProps) {
  const target = findEntity(field.references);
  const { data, error } = useJson<{ items: Option[] }>(
    target ? `/api/${target.route}/options?limit=100` : null,
  );
  const options = data?.items ?? [];
  const missing = value !== '' && !options.some((option) => String(option.id) === value);
  const noun = target?.label.toLowerCase() ?? 'record';

  return (
    <>
      <select
        id={id}
        name={field.name}
        value={value}
        required={field.required}
        disabled={!data && !error}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
        className={ui.input}
      >
        <option value="">
          {!data && !error ? 'Loading…' : field.required ? `Choose a ${noun}` : 'None'}
        </option>
        {missing && <option value={value}>{currentLabel ?? `#${value}`}</option>}
        {options.map((option) => (
          <option key={option.id} value={String(option.id)}>
            {option.label}
          </option>
        ))}
      </select>
      {error && (
        <p className="mt-1 text-sm text-red-700">
          Could not load the {target?.pluralLabel.toLowerCase()}: {error}
        </p>
      )}
      {data && options.length === 0 && target && (
        <p className="mt-1 text-sm text-slate-600">
          No {target.pluralLabel.toLowerCase()} yet.{' '}
          <Link href={`/${target.route}/new`} className={ui.link}>
            Create one first
          </Link>
          .
        </p>
      )}
    </>
  );
}
