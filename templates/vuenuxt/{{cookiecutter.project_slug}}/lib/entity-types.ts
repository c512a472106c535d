export type FieldType =
  | 'string'
  | 'text'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'email'
  | 'url'
  | 'enum';

export interface FieldDef {
  name: string;
  column: string;
  type: FieldType;
  required: boolean;
  label: string;
  description: string;
  enumValues?: string[];
}

export interface EntityDef {
  name: string;
  table: string;
  route: string;
  label: string;
  pluralLabel: string;
  description: string;
  fields: FieldDef[];
}
