import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import {
  ConflictError,
  type EvolveBase,
  type Generation,
  type IStateStore,
  type MvpSpec,
  PendingEvolution,
} from '@startup-factory/contracts';

const COLLECTION = 'pending-evolutions';
const APPROVALS = 'evolve-approvals';

/** Who is deciding a startup's plan now (a claim document, one per startup while it runs). */
interface ApprovalClaim {
  pid: number;
  host: string;
  startedAt: string;
}

/** A claim whose process is gone (it crashed mid-approval): it may be taken over. */
function abandoned(claim: ApprovalClaim): boolean {
  if (claim.host !== hostname()) return false;
  try {
    process.kill(claim.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

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

  /**
   * Claims the decision on a startup's waiting plan for one caller, in the store, so two approvals
   * at once (two `factory approve`, two HTTP calls, in one process or several) never both apply:
   * the second is CONFLICT. Returns the release, which the caller runs when it is done.
   */
  async claimDecision(startupId: string, slug: string): Promise<() => Promise<void>> {
    const claim: ApprovalClaim = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
    const release = () => this.store.deleteDocument(APPROVALS, startupId);
    if (await this.store.insertDocument(APPROVALS, startupId, claim)) return release;
    const held = await this.store.getDocument<ApprovalClaim>(APPROVALS, startupId);
    // Taking over a dead holder's claim is itself claimed, so two callers never both take it.
    const takeOver = held && abandoned(held) ? `${startupId}:${held.pid}:${held.startedAt}` : null;
    if (takeOver && (await this.store.insertDocument(APPROVALS, takeOver, claim))) {
      await this.store.putDocument(APPROVALS, startupId, claim);
      return release;
    }
    throw new ConflictError({
      message: `An approval of ${slug}'s evolve plan is already running${held ? ` (process ${held.pid} on ${held.host}, since ${held.startedAt})` : ''}; nothing was changed by this one. Wait for it to finish, then see what it did with \`factory show ${slug}\` and \`factory history ${slug}\`.`,
    });
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
