// The runtime description of the MVP spec's entities; lib/entities.ts holds this app's.
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
  | 'enum'
  | 'reference';

export type OnDelete = 'cascade' | 'restrict' | 'set_null';

export interface FieldDef {
  /** Key in the JSON API and in forms. */
  name: string;
  column: string;
  type: FieldType;
  required: boolean;
  label: string;
  description: string;
  enumValues?: string[];
  /** For a reference: the entity it belongs to, and what deleting that record does to this one. */
  references?: string;
  onDelete?: OnDelete;
  /** Longest accepted text (string and text fields). */
  maxLength?: number;
  /** Accepted range (integer and number fields). */
  min?: number;
  max?: number;
}

export interface EntityDef {
  name: string;
  table: string;
  route: string;
  label: string;
  pluralLabel: string;
  description: string;
  /** The field that names a record in lists, selects and headings. */
  titleField: string;
  fields: FieldDef[];
}

export type Row = Record<string, unknown> & {
  id: number;
  createdAt: string;
  updatedAt: string;
  /** The record's display title. */
  _title: string;
  /** Titles of the records this one references, by reference field. */
  _labels: Record<string, string>;
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
  pages: number;
}

export interface RelatedList {
  entity: string;
  route: string;
  label: string;
  pluralLabel: string;
  field: string;
  fieldLabel: string;
  items: Row[];
  total: number;
}

export interface DashboardEntry {
  name: string;
  route: string;
  label: string;
  pluralLabel: string;
  count: number;
  recent: Row[];
}
