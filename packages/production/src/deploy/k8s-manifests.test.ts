import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildManifests, K8sDeployment, K8sService, writeDeployManifests } from './k8s-manifests';

describe('Kubernetes manifests', () => {
  it('puts a readiness probe on the health path and limits from the allocation', () => {
    const { deployment, service } = buildManifests({
      slug: 'acme-robotics',
      allocation: { memoryMb: 768, cpuCores: 1.5 },
    });
    const container = deployment.spec.template.spec.containers[0]!;
    expect(container.readinessProbe.httpGet).toEqual({ path: '/api/health', port: 'http' });
    expect(container.resources).toEqual({
      requests: { cpu: '750m', memory: '384Mi' },
      limits: { cpu: '1500m', memory: '768Mi' },
    });
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    expect(service.spec.selector).toEqual({ app: 'acme-robotics' });
    expect(service.spec.ports[0]?.targetPort).toBe('http');
  });

  it('rejects manifests of the wrong shape', () => {
    const { deployment, service } = buildManifests({
      slug: 'ok',
      allocation: { memoryMb: 256, cpuCores: 0.25 },
    });
    const badSelector = structuredClone(deployment);
    badSelector.spec.selector.matchLabels = { app: 'other' };
    expect(K8sDeployment.safeParse(badSelector).success).toBe(false);
    const noProbe = structuredClone(deployment) as unknown as {
      spec: { template: { spec: { containers: object[] } } };
    };
    delete (noProbe.spec.template.spec.containers[0] as Record<string, unknown>).readinessProbe;
    expect(K8sDeployment.safeParse(noProbe).success).toBe(false);
    expect(K8sService.safeParse({ ...service, kind: 'Pod' }).success).toBe(false);
    expect(() => buildManifests({ slug: 'Bad_Name', allocation: { memoryMb: 256, cpuCores: 1 } })).toThrow();
  });

  it('keeps the template Dockerfile and writes one only when missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-k8s-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM template\n');
    const written = writeDeployManifests(dir, { slug: 'x', allocation: { memoryMb: 256, cpuCores: 0.5 } });
    expect(written.map((p) => p.slice(dir.length + 1))).toEqual([
      'deploy/deployment.json',
      'deploy/service.json',
    ]);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM template\n');
    const node = mkdtempSync(join(tmpdir(), 'sf-k8s-'));
    writeFileSync(join(node, 'package.json'), JSON.stringify({ scripts: { start: 'node server.mjs' } }));
    writeDeployManifests(node, { slug: 'x', allocation: { memoryMb: 256, cpuCores: 0.5 } });
    expect(readFileSync(join(node, 'Dockerfile'), 'utf8')).toContain('CMD ["npm", "start"]');
  });

  it('writes nothing for a project npm cannot start and that ships no Dockerfile, saying why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-k8s-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { build: 'tsc' } }));
    const write = () =>
      writeDeployManifests(dir, { slug: 'x', allocation: { memoryMb: 256, cpuCores: 0.5 } });
    expect(write).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringMatching(/npm start/) }),
    );
    expect(readdirSync(dir)).toEqual(['package.json']);
  });
});
