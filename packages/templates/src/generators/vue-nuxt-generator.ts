import { jsLiteral } from '../render/nunjucks-environment';
import { webCommonFiles } from './entity-definitions';
import type { GeneratedFile, GeneratorInput } from './generated-file';
import { entityNames } from './naming';

const header = '// Generated from the MVP spec by Startup Factory.';

type Handler = 'listResponse' | 'createResponse' | 'getResponse' | 'updateResponse' | 'deleteResponse';

function serverRoute(name: string, handler: Handler, withId: boolean): string {
  const entity = `entities[${jsLiteral(name)}]`;
  const call = withId
    ? `${handler}(event, ${entity}, getRouterParam(event, 'id'))`
    : `${handler}(event, ${entity})`;
  return [
    header,
    `import { defineEventHandler${withId ? ', getRouterParam' : ''} } from 'h3';`,
    "import { entities } from '../../../lib/entities';",
    `import { ${handler} } from '../../lib/http';`,
    '',
    `export default defineEventHandler((event) => ${call});`,
    '',
  ].join('\n');
}

function page(name: string, component: 'EntityList' | 'EntityForm', title: string): string {
  return [
    '<script setup lang="ts">',
    header,
    `import ${component} from '../../components/${component}.vue';`,
    "import { entities } from '../../lib/entities';",
    '',
    `const entity = entities[${jsLiteral(name)}];`,
    `useHead({ title: ${jsLiteral(title)} });`,
    '</script>',
    '',
    '<template>',
    `  <${component} :entity="entity" />`,
    '</template>',
    '',
  ].join('\n');
}

/** vuenuxt: migration, typed entity data, Nitro server routes, list and form pages, tests. */
export function generateVueNuxt(input: GeneratorInput): GeneratedFile[] {
  const { spec } = input;
  const files = webCommonFiles(input);
  for (const entity of spec.entities) {
    const { route, label, pluralLabel } = entityNames(entity);
    const api = `server/api/${route}`;
    files.push(
      { path: `${api}/index.get.ts`, content: serverRoute(entity.name, 'listResponse', false) },
      { path: `${api}/index.post.ts`, content: serverRoute(entity.name, 'createResponse', false) },
      { path: `${api}/[id].get.ts`, content: serverRoute(entity.name, 'getResponse', true) },
      { path: `${api}/[id].put.ts`, content: serverRoute(entity.name, 'updateResponse', true) },
      { path: `${api}/[id].delete.ts`, content: serverRoute(entity.name, 'deleteResponse', true) },
      { path: `pages/${route}/index.vue`, content: page(entity.name, 'EntityList', pluralLabel) },
      { path: `pages/${route}/new.vue`, content: page(entity.name, 'EntityForm', `New ${label}`) },
    );
  }
  return files;
}
