import { z } from 'zod';
import { parseInput } from '../errors/invalid-config-error';
import { type RefusedSpecChange, SpecChangeRefusedError } from '../errors/spec-change-refused-error';
import {
  backfillOf,
  Entity,
  EntityField,
  EntityName,
  FieldName,
  MvpSpec,
  Page,
  UserStory,
} from '../schemas/mvp-spec';

/** A field of an existing entity whose database rules changed (required, limits, enum values, delete rule). */
const ChangedField = z.object({ entity: EntityName, before: EntityField, after: EntityField });

/** What changed between two spec versions, in the terms the migrations and the plan shown to the founder use. */
export const SpecDiff = z.object({
  addedEntities: z.array(Entity),
  addedFields: z.array(z.object({ entity: EntityName, field: EntityField })),
  renamedFields: z.array(z.object({ entity: EntityName, from: FieldName, to: FieldName })),
  changedFields: z.array(ChangedField),
  /** Every new reference (on a new entity or a new field): a foreign key the migration adds. */
  addedReferences: z.array(z.object({ entity: EntityName, field: FieldName, references: EntityName })),
  pages: z.object({ added: z.array(Page), removed: z.array(Page), changed: z.array(Page) }),
  stories: z.object({ added: z.array(UserStory), removed: z.array(UserStory) }),
  /** Only words changed (name, tagline, descriptions): no database change. */
  copyChanged: z.boolean(),
});
export type SpecDiff = z.infer<typeof SpecDiff>;

/** Rules of a field the database enforces; a change in any needs a migration. */
const RULE_KEYS = ['required', 'maxLength', 'min', 'max', 'enumValues', 'onDelete'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** True when the diff changes neither the database nor the pages, stories or copy. */
export function isEmptySpecDiff(diff: SpecDiff): boolean {
  return (
    diff.addedEntities.length +
      diff.addedFields.length +
      diff.renamedFields.length +
      diff.changedFields.length +
      diff.pages.added.length +
      diff.pages.removed.length +
      diff.pages.changed.length +
      diff.stories.added.length +
      diff.stories.removed.length ===
      0 && !diff.copyChanged
  );
}

/** True when the diff needs a database migration. */
export function specDiffChangesSchema(diff: SpecDiff): boolean {
  return (
    diff.addedEntities.length +
      diff.addedFields.length +
      diff.renamedFields.length +
      diff.changedFields.length >
    0
  );
}

function diffFields(before: Entity, after: Entity, diff: SpecDiff, refused: RefusedSpecChange[]): void {
  const previous = new Map(before.fields.map((f) => [f.name, f]));
  const carried = new Set<string>();
  for (const field of after.fields) {
    const path = `${after.name}.${field.name}`;
    const sourceName = previous.has(field.name) ? field.name : field.renamedFrom;
    const source = sourceName ? previous.get(sourceName) : undefined;
    if (field.renamedFrom && !previous.has(field.name)) {
      if (!source) {
        refused.push({
          path,
          message: `renamedFrom names ${field.renamedFrom}, which ${before.name} did not have; name one of ${[...previous.keys()].join(', ')}`,
        });
        continue;
      }
      if (after.fields.some((f) => f.name === field.renamedFrom)) {
        refused.push({
          path,
          message: `renamedFrom ${field.renamedFrom}, but that field is still in the spec`,
        });
        continue;
      }
    }
    if (!source) {
      if (field.required && field.type === 'reference') {
        refused.push({
          path,
          message: `a required reference cannot be added to ${after.name}, whose existing rows point nowhere; add it with "required": false`,
        });
      } else if (field.required && backfillOf(field) === undefined) {
        refused.push({
          path,
          message: `a required field needs "backfill" (or "default"), the value existing ${after.name} rows get, or "required": false`,
        });
      }
      diff.addedFields.push({ entity: after.name, field });
      if (field.type === 'reference' && field.references)
        diff.addedReferences.push({ entity: after.name, field: field.name, references: field.references });
      continue;
    }
    carried.add(source.name);
    if (source.type !== field.type || source.references !== field.references) {
      refused.push({
        path,
        message: `changes type from ${source.type}${source.references ? `→${source.references}` : ''} to ${field.type}${field.references ? `→${field.references}` : ''}; the data cannot be carried: add a new field with the new type and keep this one`,
      });
      continue;
    }
    if (source.name !== field.name)
      diff.renamedFields.push({ entity: after.name, from: source.name, to: field.name });
    if (!source.required && field.required && backfillOf(field) === undefined) {
      refused.push({
        path,
        message: `becomes required; add "backfill" (or "default"), the value rows without one get, or keep it optional`,
      });
    }
    if (RULE_KEYS.some((key) => !same(source[key], field[key])))
      diff.changedFields.push({ entity: after.name, before: source, after: field });
    else if (source.description !== field.description) diff.copyChanged = true;
  }
  for (const name of previous.keys()) {
    if (!carried.has(name)) {
      refused.push({
        path: `${before.name}.${name}`,
        message: `is removed, and its data with it; keep the field (make it optional to stop asking for it), or if it was renamed give the new field "renamedFrom": "${name}"`,
      });
    }
  }
}

function diffPages(before: MvpSpec, after: MvpSpec): SpecDiff['pages'] {
  const previous = new Map(before.pages.map((p) => [p.path, p]));
  const next = new Map(after.pages.map((p) => [p.path, p]));
  return {
    added: after.pages.filter((p) => !previous.has(p.path)),
    removed: before.pages.filter((p) => !next.has(p.path)),
    changed: after.pages.filter((p) => previous.has(p.path) && !same(previous.get(p.path), p)),
  };
}

/**
 * The structured difference between two spec versions, each validated by the MvpSpec schema
 * (INVALID_CONFIG). A change that would lose data is refused with SPEC_CHANGE_REFUSED, listing every
 * such change and what to write instead: a removed entity or field, a changed type, a field made
 * required (or added as required) without `backfill`. A renamed field says `renamedFrom`.
 */
export function diffMvpSpecs(from: unknown, to: unknown): SpecDiff {
  const before = parseInput(MvpSpec, from, 'previous MVP spec');
  const after = parseInput(MvpSpec, to, 'new MVP spec');
  const diff: SpecDiff = {
    addedEntities: [],
    addedFields: [],
    renamedFields: [],
    changedFields: [],
    addedReferences: [],
    pages: diffPages(before, after),
    stories: {
      added: after.userStories.filter((s) => !before.userStories.some((b) => same(b, s))),
      removed: before.userStories.filter((s) => !after.userStories.some((a) => same(a, s))),
    },
    copyChanged: ['name', 'tagline', 'problem', 'solution'].some(
      (key) => before[key as keyof MvpSpec] !== after[key as keyof MvpSpec],
    ),
  };
  const refused: RefusedSpecChange[] = [];
  const previous = new Map(before.entities.map((e) => [e.name, e]));
  for (const entity of after.entities) {
    const old = previous.get(entity.name);
    if (!old) {
      diff.addedEntities.push(entity);
      for (const field of entity.fields)
        if (field.type === 'reference' && field.references)
          diff.addedReferences.push({ entity: entity.name, field: field.name, references: field.references });
      continue;
    }
    if (old.description !== entity.description) diff.copyChanged = true;
    diffFields(old, entity, diff, refused);
  }
  for (const name of previous.keys()) {
    if (!after.entities.some((e) => e.name === name)) {
      refused.push({
        path: name,
        message: 'is removed, and every row of it with it; keep the entity (removing its pages hides it)',
      });
    }
  }
  if (refused.length > 0) throw new SpecChangeRefusedError({ changes: refused });
  return diff;
}
