import type { FactoryEvent, IStartupManager, StartupInstance } from '@startup-factory/contracts';
import type { EventRecorder } from './event-recorder';

/** A manager that moves a run it owns to its next phase with its events in one statement (StartupManager). */
interface AdvancesRuns {
  advanceRun(
    id: string,
    currentPhase: string | null,
    events: readonly FactoryEvent[],
  ): Promise<StartupInstance | null>;
}

function advancesRuns(manager: IStartupManager): manager is IStartupManager & AdvancesRuns {
  return typeof (manager as Partial<AdvancesRuns>).advanceRun === 'function';
}

export interface Advanced {
  startup: StartupInstance;
  /** Whether `ahead` (the events of what comes next) were recorded. */
  announced: boolean;
}

/**
 * Once a phase finished: records `finished` (its phase.finished event) and sets the phase a running
 * startup goes on with, in one statement for a run this manager owns, with `ahead` (the next
 * phase's phase.started) in it too. A startup no longer running (paused, cancelled mid-phase) is
 * returned as it is, so it resumes at the phase it stopped in and meets that phase's approval gate.
 */
export async function advancePhase(
  manager: IStartupManager,
  events: EventRecorder,
  move: { id: string; next: string | null; finished: FactoryEvent; ahead: FactoryEvent[] },
): Promise<Advanced> {
  if (advancesRuns(manager)) {
    const moved = await manager.advanceRun(move.id, move.next, [move.finished, ...move.ahead]);
    if (moved) return { startup: moved, announced: true };
  }
  await events.emit(move.finished);
  const startup = await manager.getStartup(move.id);
  if (startup.status !== 'running') return { startup, announced: false };
  // Running but not this manager's to move in one statement (a lapsed lease it takes over, say).
  return { startup: await manager.updateStartup(move.id, { currentPhase: move.next }), announced: false };
}
