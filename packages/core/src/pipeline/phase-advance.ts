import type { IStartupManager, StartupInstance } from '@startup-factory/contracts';

/** A manager that can move a run it owns to its next phase in one statement (StartupManager). */
interface AdvancesRuns {
  advanceRun(id: string, currentPhase: string | null): Promise<StartupInstance | null>;
}

function advancesRuns(manager: IStartupManager): manager is IStartupManager & AdvancesRuns {
  return typeof (manager as Partial<AdvancesRuns>).advanceRun === 'function';
}

/**
 * Sets the phase a running startup goes on with once one finished; a startup no longer running
 * (paused, cancelled mid-phase) is returned as it is, so it resumes at the phase it stopped in and
 * meets that phase's approval gate. One statement for a run this manager owns.
 */
export async function advancePhase(
  manager: IStartupManager,
  id: string,
  next: string | null,
): Promise<StartupInstance> {
  if (advancesRuns(manager)) {
    const moved = await manager.advanceRun(id, next);
    if (moved) return moved;
  }
  const startup = await manager.getStartup(id);
  if (startup.status !== 'running') return startup;
  // Running but not this manager's to move in one statement (a lapsed lease it takes over, say).
  return manager.updateStartup(id, { currentPhase: next });
}
