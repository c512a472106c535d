import type { Factory } from '../factory';
import type { ProjectUpgrader } from './upgrade';

/**
 * The evolve engine `factory upgrade` re-renders projects with, or null in a build without one.
 * Wiring for the lead, one call: once @startup-factory/templates exports helper f's
 * `ProjectEvolution`, return `{ upgrade: (r) => new ProjectEvolution({ projectDir: r.projectDir,
 * render, template: r.template }).evolve({ spec: r.spec, currentSpec: r.spec, gate, approved: true }) }`
 * mapping `evolved` to upgraded, `conflicts` to conflicts and an EVOLVE_FAILED error to refused.
 * Until then every upgrade is reported as refused with that reason, and nothing is changed.
 */
export function projectUpgraderFor(_factory: Factory): ProjectUpgrader | null {
  return null;
}
