'use client';

import { ReferenceSelect } from '@/components/reference-select';
import { humanize } from '@/lib/display';
import type { FieldDef } from '@/lib/entity-types';
import { ui } from '@/lib/ui';

export type FieldValue = string | boolean;

const INPUT_TYPES: Partial<Record<FieldDef['type'], string>> = {
  integer: 'number',
  number: 'number',
  date: 'date',
  datetime: 'datetime-local',
  email: 'email',
  url: 'url',
};

interface FieldControlProps {
  id: string;
  field: FieldDef;
  value: FieldValue;
  currentLabel?: string;
  describedBy?: string;
  invalid: boolean;
  onChange: (value: FieldValue) => void;
}

/** The input that fits a field's type: textarea, checkbox, select, reference select or a typed input. */
export function FieldControl({
  id,
  field,
  value,
  currentLabel,
  describedBy,
  invalid,
  onChange,
}: FieldControlProps) {
  const common = {
    id,
    name: field.name,
    required: field.required,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
  };
  const text = typeof value === 'string' ? value : '';

  switch (field.type) {
    case 'boolean':
      return (
        <input
          {...common}
          type="checkbox"
          required={undefined}
          checked={value === true}
          onChange={(event) => onChange(event.target.checked)}
          className="size-5 rounded border-slate-400 accent-indigo-600"
        />
      );
    case 'text':
      return (
        <textarea
          {...common}
          rows={4}
          maxLength={field.maxLength}
          value={text}
          onChange={(event) => onChange(event.target.value)}
          className={ui.input}
        />
      );
    case 'enum':
      return (
        <select
          {...common}
          value={text}
          onChange={(event) => onChange(event.target.value)}
          className={ui.input}
        >
          <option value="">{field.required ? 'Choose one' : 'None'}</option>
          {(field.enumValues ?? []).map((option) => (
            <option key={option} value={option}>
              {humanize(option)}
            </option>
          ))}
        </select>
      );
    case 'reference':
      return (
        <ReferenceSelect
          id={id}
          field={field}
          value={text}
          currentLabel={currentLabel}
          describedBy={describedBy}
          invalid={invalid}
          onChange={onChange}
        />
      );
    default:
      return (
        <input
          {...common}
          type={INPUT_TYPES[field.type] ?? 'text'}
          step={field.type === 'number' ? 'any' : field.type === 'integer' ? 1 : undefined}
          min={field.min}
          max={field.max}
          maxLength={field.maxLength}
          inputMode={field.type === 'integer' ? 'numeric' : field.type === 'number' ? 'decimal' : undefined}
          autoComplete={field.type === 'email' ? 'email' : undefined}
          value={text}
          onChange={(event) => onChange(event.target.value)}
          className={ui.input}
        />
      );
  }
}
