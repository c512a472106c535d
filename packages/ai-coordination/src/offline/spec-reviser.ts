import { ChangeNotUnderstoodError, MvpSpec, type MvpSpecInput } from '@startup-factory/contracts';
import type { FieldEdit } from './change-fields';
import { readChange, type SpecEdit, UNDERSTOOD_PHRASINGS } from './change-reading';
import { capitalize, pluralOf, withArticle, wordsOfName } from './english-copy';

type SpecDraft = MvpSpecInput & { entities: Array<MvpSpecInput['entities'][number]> };

const slugOf = (name: string) => wordsOfName(name).replace(/ /g, '-');
const slugOfTitle = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

function refuse(change: string, reason: string): never {
  throw new ChangeNotUnderstoodError({
    change,
    message: `The offline reviser cannot apply this change: ${reason}. Nothing was changed. It reads only phrasings such as ${UNDERSTOOD_PHRASINGS.join('; ')}. For anything else, configure a real AI provider (OPENAI_API_KEY or ANTHROPIC_API_KEY) or edit the spec yourself and evolve with --spec <file>.`,
  });
}

/**
 * The offline reviser: applies a founder's change to a spec deterministically, for the common
 * phrasings (a new entity with fields and references, a new field on an entity, a page, a user
 * story). Every clause must be understood; otherwise CHANGE_NOT_UNDERSTOOD says which one and why,
 * and nothing is applied. The result is validated by the spec schema and marked `draftedOffline`.
 */
export function reviseSpecOffline(spec: MvpSpec, change: string): MvpSpec {
  const current = MvpSpec.parse(spec);
  const edits = readChange(
    change,
    current.entities.map((e) => e.name),
  );
  const refused = edits.find((e) => e.kind === 'refused');
  if (refused?.kind === 'refused') refuse(change, `"${refused.clause}": ${refused.reason}`);
  const draft: SpecDraft = structuredClone(current);
  const existing = new Set(current.entities.map((e) => e.name));
  for (const edit of edits) apply(draft, edit, existing, change);
  const parsed = MvpSpec.safeParse({ ...draft, draftedOffline: true });
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(spec)'}: ${i.message}`).join('; ');
    refuse(change, `the revised spec would not be valid (${detail})`);
  }
  return parsed.data;
}

function apply(draft: SpecDraft, edit: SpecEdit, existing: ReadonlySet<string>, change: string): void {
  if (edit.kind === 'entity') addEntity(draft, edit.name, edit.fields, change);
  else if (edit.kind === 'fields')
    addFields(draft, edit.entity, edit.fields, existing.has(edit.entity), change);
  else if (edit.kind === 'page') addPage(draft, edit, change);
  else if (edit.kind === 'story') {
    draft.userStories.push({
      asA: edit.asA,
      iWant: edit.iWant,
      soThat: edit.soThat,
      ...(storyEntity(draft, edit.iWant) ?? storyEntity(draft, edit.soThat) ?? {}),
    });
  } else refuse(change, `"${edit.clause}": ${edit.reason}`);
}

const asSpecField = (f: FieldEdit, requiredUnlessSaid: boolean) => ({
  ...f,
  required: f.required ?? (f.default !== undefined ? true : requiredUnlessSaid),
});

function addEntity(draft: SpecDraft, name: string, fields: FieldEdit[], change: string): void {
  if (draft.entities.some((e) => e.name.toLowerCase() === name.toLowerCase())) {
    refuse(change, `the spec already has an entity ${name}; to extend it say "add a field … to ${name}"`);
  }
  // A new table has no rows yet, so its fields are required unless the change says optional.
  const specFields =
    fields.length > 0 ? fields.map((f) => asSpecField(f, true)) : [{ name: 'name', type: 'string' as const }];
  draft.entities.push({
    name,
    description: `${capitalize(withArticle(wordsOfName(name)))} the founder asked for.`,
    fields: specFields,
  });
  const persona = draft.userStories[0]?.asA ?? 'user';
  const words = wordsOfName(name);
  draft.userStories.push(
    {
      asA: persona,
      iWant: `to record ${withArticle(words)}`,
      soThat: `I can keep track of every ${words}`,
      entity: name,
    },
    {
      asA: persona,
      iWant: `to see all ${pluralOf(words)} at a glance`,
      soThat: 'nothing slips through the cracks',
      entity: name,
    },
  );
  const base = `/${pluralOf(slugOf(name))}`;
  for (const page of [
    { path: base, title: capitalize(pluralOf(words)), kind: 'list' as const, entity: name },
    { path: `${base}/new`, title: `New ${words}`, kind: 'form' as const, entity: name },
  ]) {
    if (!draft.pages.some((p) => p.path === page.path)) draft.pages.push(page);
  }
}

function addFields(
  draft: SpecDraft,
  entityName: string,
  fields: FieldEdit[],
  hasRows: boolean,
  change: string,
): void {
  const entity = draft.entities.find((e) => e.name === entityName) as SpecDraft['entities'][number];
  for (const field of fields) {
    if (entity.fields.some((f) => f.name === field.name)) {
      refuse(change, `${entityName} already has a field ${field.name}; changing a field is done with --spec`);
    }
    // Rows that exist get the default; without one, a required column has nothing to hold.
    if (hasRows && field.required === true && field.default === undefined) {
      refuse(
        change,
        field.type === 'reference'
          ? `the required reference ${field.name} cannot be filled in for the ${entityName} records that exist; make it optional`
          : `the required field ${field.name} needs a default for the ${entityName} records that exist; say e.g. "(…, default 'x')" or make it optional`,
      );
    }
    entity.fields.push(asSpecField(field, !hasRows));
  }
}

function addPage(draft: SpecDraft, edit: Extract<SpecEdit, { kind: 'page' }>, change: string): void {
  const slug = slugOfTitle(edit.title);
  if (!slug) refuse(change, `the page "${edit.title}" needs a title of letters or digits`);
  const path = edit.path ?? `/${slug}`;
  if (draft.pages.some((p) => p.path === path)) refuse(change, `the spec already has a page at ${path}`);
  const kind = edit.pageKind ?? (edit.entity ? 'list' : 'dashboard');
  if ((kind === 'list' || kind === 'detail' || kind === 'form') && !edit.entity) {
    refuse(
      change,
      `a ${kind} page shows one entity; say which: "add a ${kind} page ${edit.title} for <Entity>"`,
    );
  }
  draft.pages.push({ path, title: edit.title, kind, ...(edit.entity ? { entity: edit.entity } : {}) });
}

/** The entity a story names, by its words singular or plural ("see late invoices" -> Invoice). */
function storyEntity(draft: SpecDraft, text: string): { entity: string } | undefined {
  const lower = ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
  const found = draft.entities.find((e) => {
    const words = wordsOfName(e.name);
    return lower.includes(` ${words} `) || lower.includes(` ${pluralOf(words)} `);
  });
  return found ? { entity: found.name } : undefined;
}
