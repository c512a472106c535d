'use client';

import { FieldControl, type FieldValue } from '@/components/field-control';
import { fieldId } from '@/lib/display';
import type { FieldDef } from '@/lib/entity-types';

interface FormFieldProps {
  field: FieldDef;
  value: FieldValue;
  error?: string;
  currentLabel?: string;
  onChange: (value: FieldValue) => void;
}

/** One row of a form: the label (exactly the field's label), the control, its hint and its error. */
export function FormField({ field, value, error, currentLabel, onChange }: FormFieldProps) {
  const id = fieldId(field);
  const hintId = field.description ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const control = (
    <FieldControl
      id={id}
      field={field}
      value={value}
      currentLabel={currentLabel}
      describedBy={describedBy}
      invalid={Boolean(error)}
      onChange={onChange}
    />
  );
  const hint = field.description && (
    <p id={hintId} className="mt-1 text-sm text-slate-600">
      {field.description}
    </p>
  );
  const message = error && (
    <p id={errorId} className="mt-1 text-sm font-medium text-red-700">
      {error}
    </p>
  );

  if (field.type === 'boolean') {
    return (
      <div>
        <div className="flex items-center gap-3">
          {control}
          <label htmlFor={id} className="text-sm font-medium text-slate-900">
            {field.label}
          </label>
        </div>
        {message}
        {hint}
      </div>
    );
  }
  return (
    <div>
      <div className="mb-1 flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium text-slate-900">
          {field.label}
        </label>
        {!field.required && <span className="text-xs text-slate-600">Optional</span>}
      </div>
      {control}
      {message}
      {hint}
    </div>
  );
}
