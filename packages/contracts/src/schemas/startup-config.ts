import { z } from 'zod';
import { boundedText } from './common';
import { ResourceRequirements } from './resource-requirements';

/** A short label: letters, digits, spaces and a little punctuation, nothing that can act as a path or quote. */
const Label = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} &+,.'()-]*$/u, "use letters, digits, spaces and & + , . ' ( ) - only");

export const FounderProfile = z
  .object({
    name: boundedText(120).optional(),
    background: boundedText(2000).optional(),
    skills: z.array(boundedText(80)).max(30).default([]),
    experienceYears: z.number().int().min(0).max(80).optional(),
    goals: boundedText(2000).optional(),
  })
  .strict();
export type FounderProfile = z.infer<typeof FounderProfile>;

/** A template folder's name: one plain path segment (cookiecutter templates are often named like my_template.v2). */
export const TemplateName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/,
    'must be a template folder name such as reactnext (letters, digits, _ . -, starting with a letter or digit)',
  )
  .refine((name) => !name.includes('..'), 'must not contain ".."');

/** A cookiecutter.json key the user may set: not private (`_x`), so not `_copy_without_render` and friends. */
export const TemplateVariableName = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]{0,63}$/,
    'must be a cookiecutter.json key such as license (letters, digits, _)',
  );

export const StartupConfig = z
  .object({
    name: Label.refine((name) => !name.includes('..'), 'must not contain ".."'),
    industry: Label,
    category: Label,
    template: TemplateName.default('reactnext'),
    description: boundedText(4000).default(''),
    founderProfile: FounderProfile.default({ skills: [] }),
    resourceRequirements: ResourceRequirements.default(ResourceRequirements.parse({})),
    approvalRequired: z.boolean().default(false),
    /** Values for the template's cookiecutter.json keys (cookiecutter's extra_context), e.g. { license: 'MIT' }. */
    templateVariables: z.record(TemplateVariableName, boundedText(1000)).optional(),
  })
  .strict();
export type StartupConfig = z.infer<typeof StartupConfig>;
export type StartupConfigInput = z.input<typeof StartupConfig>;

/** A lowercase, dash-separated form of a name, safe as a folder and URL segment. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug.length > 0 ? slug : 'startup';
}
