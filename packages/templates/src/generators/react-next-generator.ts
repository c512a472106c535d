import { jsLiteral } from '../render/nunjucks-environment';
import { webCommonFiles } from './entity-definitions';
import type { GeneratedFile, GeneratorInput } from './generated-file';
import { entityNames } from './naming';

const header = '// Generated from the MVP spec by Startup Factory.';

function collectionRoute(name: string): string {
  const entity = `entities[${jsLiteral(name)}]`;
  return [
    header,
    "import { entities } from '@/lib/entities';",
    "import { createResponse, listResponse } from '@/lib/http';",
    '',
    "export const dynamic = 'force-dynamic';",
    '',
    'export async function GET() {',
    `  return listResponse(${entity});`,
    '}',
    '',
    'export async function POST(request: Request) {',
    `  return createResponse(${entity}, request);`,
    '}',
    '',
  ].join('\n');
}

function itemRoute(name: string): string {
  const entity = `entities[${jsLiteral(name)}]`;
  const params = '{ params }: { params: { id: string } }';
  return [
    header,
    "import { entities } from '@/lib/entities';",
    "import { deleteResponse, getResponse, updateResponse } from '@/lib/http';",
    '',
    "export const dynamic = 'force-dynamic';",
    '',
    `export async function GET(_request: Request, ${params}) {`,
    `  return getResponse(${entity}, params.id);`,
    '}',
    '',
    `export async function PUT(request: Request, ${params}) {`,
    `  return updateResponse(${entity}, params.id, request);`,
    '}',
    '',
    `export async function DELETE(_request: Request, ${params}) {`,
    `  return deleteResponse(${entity}, params.id);`,
    '}',
    '',
  ].join('\n');
}

function page(name: string, component: 'EntityList' | 'EntityForm', title: string): string {
  const file = component === 'EntityList' ? 'entity-list' : 'entity-form';
  return [
    header,
    "import type { Metadata } from 'next';",
    `import { ${component} } from '@/components/${file}';`,
    "import { entities } from '@/lib/entities';",
    '',
    `export const metadata: Metadata = { title: ${jsLiteral(title)} };`,
    '',
    'export default function Page() {',
    `  return <${component} entity={entities[${jsLiteral(name)}]} />;`,
    '}',
    '',
  ].join('\n');
}

/** reactnext: migration, typed entity data, REST route handlers, list and form pages, tests. */
export function generateReactNext(input: GeneratorInput): GeneratedFile[] {
  const { spec } = input;
  const files = webCommonFiles(input);
  for (const entity of spec.entities) {
    const names = entityNames(entity);
    files.push(
      { path: `app/api/${names.route}/route.ts`, content: collectionRoute(entity.name) },
      { path: `app/api/${names.route}/[id]/route.ts`, content: itemRoute(entity.name) },
      { path: `app/${names.route}/page.tsx`, content: page(entity.name, 'EntityList', names.pluralLabel) },
      {
        path: `app/${names.route}/new/page.tsx`,
        content: page(entity.name, 'EntityForm', `New ${names.label}`),
      },
    );
  }
  return files;
}
