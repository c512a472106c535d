import { jsLiteral } from '../render/literals';
import { webCommonFiles } from './entity-definitions';
import type { GeneratedFile, GeneratorInput } from './generated-file';
import { entityNames } from './naming';

type EntityPage = 'EntityListPage' | 'EntityFormPage' | 'EntityDetailPage';

/**
 * A thin route file: Nuxt's file-based router gets one real page per entity route, and the page
 * hands the entity's definition to the template's generic page component (auto-imported from
 * app/components). The JSON API needs no generated code: server/api/[...path].ts serves every entity.
 */
function page(name: string, component: EntityPage, props = ''): string {
  return [
    '<script setup lang="ts">',
    '// Generated from the MVP spec by Startup Factory.',
    "import { entities } from '~~/lib/entities';",
    '',
    `const entity = entities[${jsLiteral(name)}];`,
    '</script>',
    '',
    '<template>',
    `  <${component} :entity="entity"${props} />`,
    '</template>',
    '',
  ].join('\n');
}

/** vuenuxt: the shared web files plus list, new, detail and edit pages for every entity. */
export function generateVueNuxt(input: GeneratorInput): GeneratedFile[] {
  const files = webCommonFiles(input);
  for (const entity of input.spec.entities) {
    const dir = `app/pages/${entityNames(entity).route}`;
    files.push(
      { path: `${dir}/index.vue`, content: page(entity.name, 'EntityListPage') },
      { path: `${dir}/new.vue`, content: page(entity.name, 'EntityFormPage') },
      { path: `${dir}/[id]/index.vue`, content: page(entity.name, 'EntityDetailPage') },
      { path: `${dir}/[id]/edit.vue`, content: page(entity.name, 'EntityFormPage', ' editing') },
    );
  }
  return files;
}
