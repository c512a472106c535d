import { createHash } from 'node:crypto';
import {
  ConflictError,
  type EvolveBase,
  type Generation,
  type IStateStore,
  type MvpSpec,
  PendingEvolution,
} from '@startup-factory/contracts';

const COLLECTION = 'pending-evolutions';

/** The base a plan is made against, from the project's generations and the spec it runs now. */
export function evolveBase(history: Generation[], specNow: MvpSpec, templateVersion: string): EvolveBase {
  const last = history.at(-1);
  return {
    generation: last?.generation ?? 0,
    pristineCommit: last?.pristineCommit ?? null,
    specSha256: createHash('sha256').update(JSON.stringify(specNow)).digest('hex'),
    templateVersion,
  };
}

const sameBase = (a: EvolveBase, b: EvolveBase) =>
  a.generation === b.generation &&
  a.pristineCommit === b.pristineCommit &&
  a.specSha256 === b.specSha256 &&
  a.templateVersion === b.templateVersion;

/**
 * The evolve plans waiting for approval, one per startup, in the state store beside the startup's
 * other state (a document, so PGlite and PostgreSQL keep it without a migration).
 */
export class PendingEvolutions {
  constructor(private readonly store: IStateStore) {}

  async get(startupId: string): Promise<PendingEvolution | null> {
    const stored = await this.store.getDocument(COLLECTION, startupId);
    return stored === null ? null : PendingEvolution.parse(stored);
  }

  /** Records the plan shown; a newer plan replaces an older one. */
  async put(pending: PendingEvolution): Promise<void> {
    await this.store.putDocument(COLLECTION, pending.startupId, PendingEvolution.parse(pending));
  }

  async discard(startupId: string): Promise<void> {
    await this.store.deleteDocument(COLLECTION, startupId);
  }

  /** Refuses a plan made against a project that moved since (another evolve, a rollback, an upgrade). */
  static assertCurrent(pending: PendingEvolution, now: EvolveBase, slug: string): void {
    if (sameBase(pending.base, now)) return;
    const moved =
      now.templateVersion !== pending.base.templateVersion
        ? `the template is now version ${now.templateVersion}, the plan was made on ${pending.base.templateVersion}`
        : `the project is at generation ${now.generation}, the plan was made at generation ${pending.base.generation}`;
    throw new ConflictError({
      message: `The evolve plan of ${slug} is out of date (${moved}); nothing was changed. Plan again with \`factory evolve ${slug} --change "..."\` (or --spec), or discard it with \`factory approve ${slug} --reject\`.`,
    });
  }
}
