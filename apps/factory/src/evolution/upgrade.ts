import { FactoryError, InvalidConfigError, MvpSpec, type StartupInstance } from '@startup-factory/contracts';
import type { Factory } from '../factory';
import { checkTemplateVersion } from './template-versions';

/** One project to re-render on a newer template version, with the spec it runs now. */
export interface UpgradeRequest {
  startup: StartupInstance;
  projectDir: string;
  /** The spec the project runs now; an upgrade keeps it and changes only the template. */
  spec: MvpSpec;
  template: { name: string; version: string };
}

/** How one upgrade ended, as the evolve engine reports it. */
export type UpgradeOutcome =
  | { status: 'upgraded'; keptEdits?: string[] }
  | { status: 'conflicts'; conflicts: string[] }
  | { status: 'refused'; reason: string };

/**
 * What `factory upgrade` needs of the evolve engine: re-render one project on a template version
 * with the three-way merge, the migrations and the build gate, leaving it as it was on refusal.
 */
export interface ProjectUpgrader {
  upgrade(request: UpgradeRequest): Promise<UpgradeOutcome>;
}

export type UpgradeStatus = 'upgraded' | 'conflicts' | 'refused' | 'current' | 'would_upgrade';

/** One line of the report: a startup, the versions, and what happened. */
export interface UpgradeEntry {
  startup: string;
  template: string;
  /** The version the project was rendered on; null when it has no record (rendered before versions). */
  from: string | null;
  to: string | null;
  status: UpgradeStatus;
  conflicts?: string[];
  keptEdits?: string[];
  reason?: string;
}

export interface UpgradeOptions {
  /** Startups by id or slug; ignored with `all`. */
  startups?: string[];
  /** Every startup the factory keeps (cancelled ones left out). */
  all?: boolean;
  /** Report what would be upgraded and change nothing. */
  dryRun?: boolean;
}

/**
 * `factory upgrade`: finds the startups whose project was rendered on an older template version
 * and re-renders each on the installed one through `upgrader`, one at a time, reporting every
 * startup as upgraded, conflicts (markers written, listed), refused (with the reason), current,
 * or with `dryRun` as would_upgrade. One startup's failure is its own line, never the others'.
 */
export async function upgradeStartups(
  factory: Factory,
  upgrader: ProjectUpgrader | null,
  options: UpgradeOptions,
): Promise<UpgradeEntry[]> {
  const selected = await selectStartups(factory, options);
  const templates = await factory.templates();
  const entries: UpgradeEntry[] = [];
  for (const startup of selected) {
    const generated = await factory.parts.pipeline.outputOf<{ projectDir: string }>(
      startup.id,
      'code_generation',
    );
    const projectDir = generated?.projectDir ?? null;
    const check = await checkTemplateVersion(startup, projectDir, templates);
    const base = { startup: startup.slug, template: startup.config.template, from: check.from, to: check.to };
    if (check.action !== 'upgrade') {
      entries.push({
        ...base,
        status: check.action,
        ...(check.action === 'refused' ? { reason: check.reason } : {}),
      });
      continue;
    }
    if (options.dryRun) {
      entries.push({ ...base, status: 'would_upgrade' });
      continue;
    }
    entries.push({
      ...base,
      ...(await upgradeOne(factory, upgrader, startup, projectDir as string, check.to)),
    });
  }
  return entries;
}

async function upgradeOne(
  factory: Factory,
  upgrader: ProjectUpgrader | null,
  startup: StartupInstance,
  projectDir: string,
  version: string,
): Promise<Pick<UpgradeEntry, 'status' | 'conflicts' | 'keptEdits' | 'reason'>> {
  if (!upgrader) {
    return {
      status: 'refused',
      reason:
        'this build of the factory has no evolve engine wired for upgrades (see apps/factory/src/evolution/project-upgrader.ts); nothing was changed',
    };
  }
  const spec = MvpSpec.safeParse(await factory.parts.pipeline.outputOf(startup.id, 'mvp_spec'));
  if (!spec.success) return { status: 'refused', reason: 'it has no valid MVP spec to render again' };
  try {
    const outcome = await upgrader.upgrade({
      startup,
      projectDir,
      spec: spec.data,
      template: { name: startup.config.template, version },
    });
    if (outcome.status === 'upgraded') return { status: 'upgraded', keptEdits: outcome.keptEdits ?? [] };
    if (outcome.status === 'conflicts') return { status: 'conflicts', conflicts: outcome.conflicts };
    return { status: 'refused', reason: outcome.reason };
  } catch (error) {
    // The engine restores the project on failure; the report says why, and the next startup goes on.
    const reason = FactoryError.isInstance(error) ? `${error.message} [${error.code}]` : String(error);
    return { status: 'refused', reason };
  }
}

/** Refuses a selection that names no startups, or both names and --all: upgrades never guess. */
export function assertSelection(options: Pick<UpgradeOptions, 'all' | 'startups'>): void {
  const named = (options.startups ?? []).length > 0;
  if (options.all && named) {
    throw new InvalidConfigError({ message: 'Pass either startups to upgrade or --all, not both.' });
  }
  if (!options.all && !named) {
    throw new InvalidConfigError({
      message: 'Name the startups to upgrade (factory upgrade <startup>…) or pass --all.',
    });
  }
}

async function selectStartups(factory: Factory, options: UpgradeOptions): Promise<StartupInstance[]> {
  assertSelection(options);
  const { manager } = factory.parts;
  if (options.all) return (await manager.listStartups({})).filter((s) => s.status !== 'cancelled');
  // Unknown references fail the whole command before anything is upgraded.
  return Promise.all((options.startups ?? []).map((ref) => manager.getStartup(ref)));
}

/** The report as lines: one per startup, then what the conflicts and refusals were. */
export function formatUpgradeReport(entries: readonly UpgradeEntry[]): string {
  if (entries.length === 0) return 'No startups to upgrade.';
  const version = (v: string | null) => v ?? 'unrecorded';
  return entries
    .map((e) => {
      const head = `${e.startup.padEnd(24)} ${e.template.padEnd(14)} ${version(e.from)} -> ${version(e.to)}  ${e.status.replace('_', ' ')}`;
      if (e.status === 'conflicts')
        return `${head}\n${(e.conflicts ?? []).map((c) => `    conflict: ${c}`).join('\n')}`;
      return e.reason ? `${head}: ${e.reason}` : head;
    })
    .join('\n');
}
