import { jsLiteral } from '../render/literals';
import { webCommonFiles } from './entity-definitions';
import type { GeneratedFile, GeneratorInput } from './generated-file';
import { entityNames } from './naming';

const header = '// Generated from the MVP spec by Startup Factory.';

/** The client component behind each page of an entity (in the template's components/). */
const VIEWS = {
  list: { component: 'EntityTable', file: 'entity-table', withId: false },
  new: { component: 'NewRecord', file: 'new-record', withId: false },
  detail: { component: 'EntityDetail', file: 'entity-detail', withId: true },
  edit: { component: 'EditRecord', file: 'edit-record', withId: true },
} as const;

/**
 * A thin page: its title, the signed-in check (a visitor is sent to sign in, then back here) and the
 * component that renders the entity, looked up by name in lib/entities.ts. Names, paths and titles
 * are JSON-encoded by jsLiteral, never spliced in as code.
 */
function entityPage(entityName: string, route: string, view: keyof typeof VIEWS, title: string): string {
  const { component, file, withId } = VIEWS[view];
  const name = jsLiteral(entityName);
  const lines = [
    header,
    "import type { Metadata } from 'next';",
    `import { ${component} } from '@/components/${file}';`,
    "import { requireSession } from '@/lib/session';",
    '',
    `export const metadata: Metadata = { title: ${jsLiteral(title)} };`,
    '',
  ];
  const suffix = view === 'new' ? '/new' : view === 'edit' ? '/edit' : '';
  if (withId) {
    lines.push(
      'export default async function Page({ params }: { params: Promise<{ id: string }> }) {',
      '  const { id } = await params;',
      `  await requireSession(\`/${route}/\${encodeURIComponent(id)}${suffix}\`);`,
      `  return <${component} name={${name}} id={id} />;`,
      '}',
    );
  } else {
    lines.push(
      'export default async function Page() {',
      `  await requireSession(${jsLiteral(`/${route}${suffix}`)});`,
      `  return <${component} name={${name}} />;`,
      '}',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** reactnext: the shared runtime and entity data, plus list, new, detail and edit pages per entity. */
export function generateReactNext(input: GeneratorInput): GeneratedFile[] {
  const files = webCommonFiles(input);
  for (const entity of input.spec.entities) {
    const { route, label, pluralLabel } = entityNames(entity);
    const noun = label.toLowerCase();
    files.push(
      { path: `app/${route}/page.tsx`, content: entityPage(entity.name, route, 'list', pluralLabel) },
      { path: `app/${route}/new/page.tsx`, content: entityPage(entity.name, route, 'new', `New ${noun}`) },
      { path: `app/${route}/[id]/page.tsx`, content: entityPage(entity.name, route, 'detail', label) },
      {
        path: `app/${route}/[id]/edit/page.tsx`,
        content: entityPage(entity.name, route, 'edit', `Edit ${noun}`),
      },
    );
  }
  return files;
}
