import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidConfigError, type ResourceAllocation } from '@startup-factory/contracts';
import { z } from 'zod';

const Name = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label')
  .max(63);
const Labels = z.record(z.string(), z.string());
const Quantity = z.string().regex(/^\d+(\.\d+)?(m|Mi|Gi)?$/, 'must be a Kubernetes quantity');
const Resources = z.object({ cpu: Quantity, memory: Quantity }).strict();
const Probe = z
  .object({
    httpGet: z.object({ path: z.string().startsWith('/'), port: z.union([z.number().int(), Name]) }).strict(),
    initialDelaySeconds: z.number().int().nonnegative(),
    periodSeconds: z.number().int().positive(),
    failureThreshold: z.number().int().positive().optional(),
  })
  .strict();

/** The subset of apps/v1 Deployment the factory writes, checked field by field. */
export const K8sDeployment = z
  .object({
    apiVersion: z.literal('apps/v1'),
    kind: z.literal('Deployment'),
    metadata: z.object({ name: Name, labels: Labels }).strict(),
    spec: z
      .object({
        replicas: z.number().int().positive(),
        selector: z.object({ matchLabels: Labels }).strict(),
        strategy: z
          .object({
            type: z.literal('RollingUpdate'),
            rollingUpdate: z
              .object({ maxUnavailable: z.number().int(), maxSurge: z.number().int() })
              .strict(),
          })
          .strict(),
        template: z
          .object({
            metadata: z.object({ labels: Labels }).strict(),
            spec: z
              .object({
                terminationGracePeriodSeconds: z.number().int().nonnegative(),
                containers: z
                  .array(
                    z
                      .object({
                        name: Name,
                        image: z.string().min(1),
                        ports: z
                          .array(z.object({ name: Name, containerPort: z.number().int() }).strict())
                          .min(1),
                        env: z.array(z.object({ name: z.string(), value: z.string() }).strict()),
                        readinessProbe: Probe,
                        livenessProbe: Probe,
                        resources: z.object({ requests: Resources, limits: Resources }).strict(),
                      })
                      .strict(),
                  )
                  .min(1),
              })
              .strict(),
          })
          .strict(),
      })
      .strict()
      .refine(
        (s) => Object.entries(s.selector.matchLabels).every(([k, v]) => s.template.metadata.labels[k] === v),
        {
          message: 'selector.matchLabels must match the pod template labels',
        },
      ),
  })
  .strict();
export type K8sDeployment = z.infer<typeof K8sDeployment>;

export const K8sService = z
  .object({
    apiVersion: z.literal('v1'),
    kind: z.literal('Service'),
    metadata: z.object({ name: Name, labels: Labels }).strict(),
    spec: z
      .object({
        type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']),
        selector: Labels,
        ports: z
          .array(
            z
              .object({ name: Name, port: z.number().int(), targetPort: z.union([z.number().int(), Name]) })
              .strict(),
          )
          .min(1),
      })
      .strict(),
  })
  .strict();
export type K8sService = z.infer<typeof K8sService>;

export interface ManifestInput {
  slug: string;
  allocation: Pick<ResourceAllocation, 'memoryMb' | 'cpuCores'>;
  healthPath?: string;
  /** Port the container listens on (PORT). */
  containerPort?: number;
  image?: string;
}

const cpu = (cores: number) => `${Math.max(1, Math.round(cores * 1000))}m`;

/** A Deployment (readiness on the health path, limits from the allocation) and its Service. */
export function buildManifests(input: ManifestInput): { deployment: K8sDeployment; service: K8sService } {
  const name = input.slug.slice(0, 63).replace(/-+$/, '');
  const port = input.containerPort ?? 3000;
  const labels = { app: name, 'app.kubernetes.io/managed-by': 'startup-factory' };
  const probe = (initialDelaySeconds: number) => ({
    httpGet: { path: input.healthPath ?? '/api/health', port: 'http' },
    initialDelaySeconds,
    periodSeconds: 5,
    failureThreshold: 3,
  });
  const limits = { cpu: cpu(input.allocation.cpuCores), memory: `${input.allocation.memoryMb}Mi` };
  const requests = {
    cpu: cpu(input.allocation.cpuCores / 2),
    memory: `${Math.max(32, Math.round(input.allocation.memoryMb / 2))}Mi`,
  };
  const deployment = K8sDeployment.parse({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      // Zero downtime in the cluster too: the new pod must be ready before the old one goes.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels },
        spec: {
          terminationGracePeriodSeconds: 30,
          containers: [
            {
              name,
              image: input.image ?? `${name}:latest`,
              ports: [{ name: 'http', containerPort: port }],
              env: [
                { name: 'PORT', value: String(port) },
                { name: 'NODE_ENV', value: 'production' },
              ],
              readinessProbe: probe(3),
              livenessProbe: probe(15),
              resources: { requests, limits },
            },
          ],
        },
      },
    },
  });
  const service = K8sService.parse({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels },
    spec: {
      type: 'ClusterIP',
      selector: { app: name },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
  });
  return { deployment, service };
}

/** A generic Node Dockerfile for projects whose template ships none. */
export function defaultDockerfile(port = 3000): string {
  return [
    'FROM node:20-slim AS build',
    'WORKDIR /app',
    'COPY package*.json ./',
    'RUN npm install --no-audit --no-fund',
    'COPY . .',
    'RUN npm run build --if-present',
    '',
    'FROM node:20-slim',
    'WORKDIR /app',
    'ENV NODE_ENV=production',
    `ENV PORT=${port}`,
    'COPY --from=build /app ./',
    `EXPOSE ${port}`,
    'CMD ["npm", "start"]',
    '',
  ].join('\n');
}

/** Whether `npm start` can run the project: a package.json with a start script. */
function hasStartScript(projectDir: string): boolean {
  const manifest = join(projectDir, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    const { scripts } = JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, unknown> };
    return typeof scripts?.start === 'string';
  } catch {
    return false;
  }
}

/**
 * Refuses (INVALID_CONFIG), before anything is written, a project the generic Node image cannot
 * run: one without its own Dockerfile and without a package.json start script, such as a Flutter app.
 */
export function assertContainerisable(projectDir: string, slug: string): void {
  if (existsSync(join(projectDir, 'Dockerfile')) || hasStartScript(projectDir)) return;
  const flutter = existsSync(join(projectDir, 'pubspec.yaml'));
  throw new InvalidConfigError({
    message: flutter
      ? `Startup ${slug} is a Flutter app (pubspec.yaml), not a web server the factory can run or containerise, so no Dockerfile or Kubernetes manifests were written: build it with \`flutter build apk\`, \`flutter build ipa\` or \`flutter build web\` (a static site for any web host) where a Flutter SDK is installed.`
      : `Startup ${slug}'s project (${projectDir}) has neither a Dockerfile nor a package.json start script, so the factory cannot run or containerise it and wrote nothing: add a Dockerfile or an \`npm start\` script, then deploy again.`,
  });
}

/**
 * Writes `deploy/deployment.json`, `deploy/service.json` (JSON is valid YAML for kubectl) and a
 * Dockerfile when the project has none. Returns the paths written. A project that neither ships a
 * Dockerfile nor runs with `npm start` is refused first (assertContainerisable).
 */
export function writeDeployManifests(projectDir: string, input: ManifestInput): string[] {
  assertContainerisable(projectDir, input.slug);
  const dir = join(projectDir, 'deploy');
  mkdirSync(dir, { recursive: true });
  const { deployment, service } = buildManifests(input);
  const written = [join(dir, 'deployment.json'), join(dir, 'service.json')];
  writeFileSync(written[0]!, `${JSON.stringify(deployment, null, 2)}\n`);
  writeFileSync(written[1]!, `${JSON.stringify(service, null, 2)}\n`);
  const dockerfile = join(projectDir, 'Dockerfile');
  if (!existsSync(dockerfile)) {
    writeFileSync(dockerfile, defaultDockerfile(input.containerPort));
    written.push(dockerfile);
  }
  return written;
}
