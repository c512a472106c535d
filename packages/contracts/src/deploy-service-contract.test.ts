import { describe, expect, it } from 'vitest';
import { ConflictError } from './errors/conflict-error';
import type { DeploymentStatus } from './schemas/deployment';
import {
  type DeployServiceHarness,
  deployServiceCases,
  deployServiceContract,
  InMemoryDeployService,
  runContractCases,
} from './testing/index';

const startup = { id: '6f1c8a4e-2d3b-4c6a-9e7f-1a2b3c4d5e6f', slug: 'panel-co' };

const harnessOf = (service: InMemoryDeployService) => async (): Promise<DeployServiceHarness> => ({
  service,
  startup,
  cleanup: () => service.close(),
});

deployServiceContract('InMemoryDeployService', async () => harnessOf(new InMemoryDeployService([startup]))());

describe('deployServiceContract can fail', () => {
  const failedWith = async (make: () => InMemoryDeployService) =>
    (await runContractCases(deployServiceCases, async () => harnessOf(make())()))
      .filter((o) => !o.passed)
      .map((o) => o.name);

  it('catches a service that deploys a running startup a second time', async () => {
    class Twice extends InMemoryDeployService {
      override async deploy(ref: string): Promise<DeploymentStatus> {
        try {
          return await super.deploy(ref);
        } catch (error) {
          if (ConflictError.isInstance(error)) return this.status(ref);
          throw error;
        }
      }
    }
    expect(await failedWith(() => new Twice([startup]))).toContain(
      'a second deploy is refused with CONFLICT and the first keeps serving',
    );
  });

  it('catches a stop that reports stopped while the app still answers', async () => {
    class LeavesAppRunning extends InMemoryDeployService {
      override async stop(ref: string): Promise<DeploymentStatus> {
        return { ...(await this.status(ref)), state: 'stopped' };
      }
    }
    expect(await failedWith(() => new LeavesAppRunning([startup]))).toContain(
      'stop ends the app and frees its url; stop and redeploy afterwards are NOT_FOUND',
    );
  });

  it('catches a redeploy that never switches generation', async () => {
    class NoSwitch extends InMemoryDeployService {
      override async redeploy(ref: string): Promise<DeploymentStatus> {
        return this.status(ref);
      }
    }
    expect(await failedWith(() => new NoSwitch([startup]))).toContain(
      'redeploy switches to the other port under load without a failed request',
    );
  });
});
