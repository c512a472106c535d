import { request } from 'node:http';
import { expect } from 'vitest';
import type { IDeployService } from '../interfaces/deploy-service';
import { type ContractCase, type Harness, registerContract } from './contract-case';
import { expectFactoryError } from './expect-error';

export interface DeployServiceHarness extends Harness {
  service: IDeployService;
  /**
   * A startup with a generated project the service can deploy: an app that logs a line when it
   * listens, answers `/api/health`, and answers 200 on `/` (with enough ports for a redeploy).
   */
  startup: { id: string; slug: string };
}

/** `<status> <body>` of GET `url`, or the connection error's code (`ECONNREFUSED`). */
export function httpAnswer(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve(`${res.statusCode} ${body}`));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

/** The status code of GET `url`, or the connection error's code. */
async function get(url: string): Promise<number | string> {
  const text = await httpAnswer(url);
  return /^\d+ /.test(text) ? Number(text.slice(0, text.indexOf(' '))) : text;
}

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

export const deployServiceCases: ContractCase<DeployServiceHarness>[] = [
  {
    name: 'a startup never deployed reports not_deployed, by id and by slug',
    async run({ service, startup }) {
      const byId = await service.status(startup.id);
      expect(byId).toMatchObject({ startupId: startup.id, state: 'not_deployed', url: null, generation: 0 });
      expect(await service.status(startup.slug)).toEqual(byId);
    },
  },
  {
    name: 'deploy serves the app at the returned url and status says running',
    async run({ service, startup }) {
      const deployed = await service.deploy(startup.slug);
      expect(deployed).toMatchObject({ startupId: startup.id, state: 'running', generation: 1 });
      expect(deployed.url).toMatch(/^http:\/\//);
      expect(await get(`${deployed.url}/`)).toBe(200);
      expect(await service.status(startup.id)).toMatchObject({
        state: 'running',
        url: deployed.url,
        activePort: deployed.activePort,
      });
    },
  },
  {
    name: 'a second deploy is refused with CONFLICT and the first keeps serving',
    async run({ service, startup }) {
      const deployed = await service.deploy(startup.id);
      await expectFactoryError(service.deploy(startup.slug), 'CONFLICT');
      expect(await get(`${deployed.url}/`)).toBe(200);
    },
  },
  {
    name: 'redeploy switches to the other port under load without a failed request',
    async run({ service, startup }) {
      const deployed = await service.deploy(startup.id);
      let running = true;
      const answers: Array<number | string> = [];
      const load = (async () => {
        while (running) answers.push(await get(`${deployed.url}/`));
      })();
      const redeployed = await service.redeploy(startup.id);
      running = false;
      await load;
      expect(redeployed).toMatchObject({ state: 'running', url: deployed.url, generation: 2 });
      expect(redeployed.activePort).not.toBe(deployed.activePort);
      expect(answers.filter((a) => a !== 200)).toEqual([]);
      expect(answers.length).toBeGreaterThan(0);
      expect(await service.status(startup.slug)).toMatchObject({ generation: 2 });
    },
  },
  {
    name: 'stop ends the app and frees its url; stop and redeploy afterwards are NOT_FOUND',
    async run({ service, startup }) {
      const deployed = await service.deploy(startup.id);
      const served = await httpAnswer(`${deployed.url}/`);
      expect(served).toMatch(/^200 /);
      const stopped = await service.stop(startup.slug);
      expect(stopped).toMatchObject({ startupId: startup.id, state: 'stopped' });
      // Another test may be handed the freed port at once: what answered before must be gone.
      expect(await httpAnswer(`${deployed.url}/`)).not.toBe(served);
      expect(await httpAnswer(`http://127.0.0.1:${deployed.activePort}/`)).not.toBe(served);
      await expectFactoryError(service.stop(startup.id), 'NOT_FOUND');
      await expectFactoryError(service.redeploy(startup.id), 'NOT_FOUND');
      expect((await service.status(startup.id)).state).toBe('stopped');
    },
  },
  {
    name: 'a stopped startup deploys again',
    async run({ service, startup }) {
      await service.deploy(startup.id);
      await service.stop(startup.id);
      const again = await service.deploy(startup.id);
      expect(again.state).toBe('running');
      expect(await get(`${again.url}/`)).toBe(200);
    },
  },
  {
    name: "logs return the app's last lines, at most as many as asked",
    async run({ service, startup }) {
      await service.deploy(startup.id);
      await service.redeploy(startup.id);
      const all = await service.logs(startup.slug, 100);
      expect(all.length).toBeGreaterThanOrEqual(2);
      const last = await service.logs(startup.id, 1);
      expect(last).toEqual(all.slice(-1));
    },
  },
  {
    name: 'every operation on an unknown startup is NOT_FOUND',
    async run({ service }) {
      await expectFactoryError(service.deploy(UNKNOWN), 'NOT_FOUND');
      await expectFactoryError(service.redeploy(UNKNOWN), 'NOT_FOUND');
      await expectFactoryError(service.stop(UNKNOWN), 'NOT_FOUND');
      await expectFactoryError(service.status(UNKNOWN), 'NOT_FOUND');
      await expectFactoryError(service.logs(UNKNOWN), 'NOT_FOUND');
    },
  },
  {
    name: 'close stops every deployment it hosts',
    async run({ service, startup }) {
      const deployed = await service.deploy(startup.id);
      const served = await httpAnswer(`${deployed.url}/`);
      await service.close();
      expect(await httpAnswer(`${deployed.url}/`)).not.toBe(served);
      expect(await httpAnswer(`http://127.0.0.1:${deployed.activePort}/`)).not.toBe(served);
      expect((await service.status(startup.id)).state).toBe('stopped');
    },
  },
];

/** Registers the IDeployService contract against a subject; `setup` gives a fresh one per case. */
export function deployServiceContract(name: string, setup: () => Promise<DeployServiceHarness>): void {
  registerContract(`IDeployService contract: ${name}`, deployServiceCases, setup);
}
