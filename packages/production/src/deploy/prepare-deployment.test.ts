import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { freePorts, startupOn } from '../../test/deploy-fixture';
import { readDeployState } from './deploy-state';
import { Deployer } from './deployer';
import { prepareDeployment } from './prepare-deployment';

/** What a fluttermobile project holds at its root: a Dart package, no package.json, no Dockerfile. */
function flutterProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sf-flutter-'));
  writeFileSync(join(dir, 'pubspec.yaml'), 'name: app_route_mate\nenvironment:\n  sdk: ">=3.4.0 <4.0.0"\n');
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'lib', 'main.dart'), 'void main() {}\n');
  return dir;
}

const flutterRefusal = expect.objectContaining({
  code: 'INVALID_CONFIG',
  message: expect.stringMatching(
    /Flutter app.*no Dockerfile or Kubernetes manifests were written.*flutter build/,
  ),
});

describe('deploying a project that is not a Node web app', () => {
  let deployer: Deployer | undefined;
  afterEach(async () => {
    await deployer?.close();
    deployer = undefined;
  });

  it('prepareDeployment writes no Dockerfile or manifests into a Flutter app and says how to build it', async () => {
    const dir = flutterProject();
    const startup = startupOn(await freePorts(2));
    expect(() => prepareDeployment(startup, dir)).toThrow(flutterRefusal);
    expect(readdirSync(dir).sort()).toEqual(['lib', 'pubspec.yaml']);
  });

  it('deploy refuses it before starting anything or recording a step', async () => {
    const dir = flutterProject();
    const store = new InMemoryStateStore();
    deployer = new Deployer({ store, healthTimeoutMs: 5_000 });
    await expect(deployer.deploy(startupOn(await freePorts(3)), dir)).rejects.toEqual(flutterRefusal);
    expect(readdirSync(dir).sort()).toEqual(['lib', 'pubspec.yaml']);
    expect(readDeployState(dir)).toBeNull();
    expect((await store.listEvents()).filter((e) => e.type === 'deploy.step')).toEqual([]);
  });
});
