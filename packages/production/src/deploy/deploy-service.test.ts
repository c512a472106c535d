import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError } from '@startup-factory/contracts';
import { deployServiceContract, InMemoryStateStore } from '@startup-factory/contracts/testing';
import { freePorts, startupOn, tinyAppCopy } from '../../test/deploy-fixture';
import { DeployService } from './deploy-service';

const fast = { healthTimeoutMs: 60_000, drainTimeoutMs: 5_000, stopTimeoutMs: 3_000 };

/** A DeployService over the tiny app, its startup resolved by id or slug as the store would. */
export async function tinyDeployService() {
  const projectDir = tinyAppCopy();
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-deploy-data-'));
  const startup = startupOn(await freePorts(3));
  const service = new DeployService({
    dataDir,
    deployer: { store: new InMemoryStateStore(), ...fast },
    resolve: async (ref) => {
      if (ref !== startup.id && ref !== startup.slug)
        throw new NotFoundError({ message: `No startup ${ref}.` });
      return { startup, projectDir };
    },
  });
  return {
    service,
    startup,
    projectDir,
    dataDir,
    async cleanup() {
      await service.close();
      rmSync(projectDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

deployServiceContract('DeployService (tiny app)', tinyDeployService);
