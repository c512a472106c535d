import type { MvpSpec } from '@startup-factory/contracts';
import { ProjectEvolution } from '../src/evolution/evolve-project';
import { TemplateManager } from '../src/template-manager';
import { allocation, config, type Workspace, workspace } from './fixtures';

export interface ServerProject {
  ws: Workspace;
  projectDir: string;
  evolution: ProjectEvolution;
}

/**
 * A reactnext project generated from `spec` whose app keeps its tables in `schema` of `url`'s
 * database (the factory's distributed mode), and the evolution that knows it.
 */
export async function serverProject(url: string, schema: string, spec: MvpSpec): Promise<ServerProject> {
  const ws = await workspace();
  const manager = new TemplateManager({ outputDir: ws.outputDir, engine: 'builtin' });
  const projectDir = await manager.createFromTemplate('reactnext', config(), allocation(), { spec });
  const evolution = new ProjectEvolution({
    projectDir,
    render: (next) => manager.renderFiles('reactnext', config(), allocation(), { spec: next }),
    template: { name: 'reactnext', version: '0.0.0' },
    database: { url, schema },
  });
  return { ws, projectDir, evolution };
}
