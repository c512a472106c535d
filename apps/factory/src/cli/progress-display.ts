import { type FactoryEvent, type IEventBus, PHASES } from '@startup-factory/contracts';

interface Row {
  name: string;
  phase: string;
  phasesDone: number;
  tasksRunning: number;
  tasksDone: number;
  status: string;
}

/**
 * Live progress of startups from the event bus. On a terminal it redraws one line per startup;
 * elsewhere (CI logs, pipes) it prints one line per phase change.
 */
export class ProgressDisplay {
  private readonly rows = new Map<string, Row>();
  private drawnLines = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly out: NodeJS.WriteStream) {}

  attach(bus: IEventBus): void {
    this.unsubscribe = bus.subscribe((event) => this.onEvent(event));
  }

  detach(): void {
    this.unsubscribe?.();
    this.redraw();
  }

  track(startupId: string, name: string): void {
    this.rows.set(startupId, {
      name,
      phase: PHASES[0],
      phasesDone: 0,
      tasksRunning: 0,
      tasksDone: 0,
      status: 'created',
    });
    this.redraw();
  }

  private onEvent(event: FactoryEvent): void {
    const row = this.rows.get(event.startupId);
    if (!row) return;
    switch (event.type) {
      case 'phase.started':
        row.phase = event.phase;
        row.phasesDone = PHASES.indexOf(event.phase);
        this.line(`${row.name}: ${event.phase} started`);
        break;
      case 'phase.finished':
        row.phasesDone = PHASES.indexOf(event.phase) + (event.outcome === 'failed' ? 0 : 1);
        this.line(
          `${row.name}: ${event.phase} ${event.outcome} in ${(event.durationMs / 1000).toFixed(1)} s`,
        );
        break;
      case 'task.started':
        row.tasksRunning += 1;
        break;
      case 'task.finished':
        row.tasksRunning = Math.max(0, row.tasksRunning - 1);
        row.tasksDone += 1;
        break;
      case 'startup.status_changed':
        row.status = event.to;
        if (event.to !== 'running') this.line(`${row.name}: ${event.to}`);
        break;
      default:
        return;
    }
    this.redraw();
  }

  private line(text: string): void {
    if (!this.out.isTTY) this.out.write(`${text}\n`);
  }

  private redraw(): void {
    if (!this.out.isTTY) return;
    if (this.drawnLines > 0) this.out.write(`\x1b[${this.drawnLines}A\x1b[0J`);
    const lines = [...this.rows.values()].map((r) => {
      const bar = '#'.repeat(r.phasesDone).padEnd(PHASES.length, '.');
      const tasks = r.tasksRunning > 0 ? `, ${r.tasksRunning} task(s) running` : '';
      return `${r.name.padEnd(24).slice(0, 24)} [${bar}] ${r.phasesDone}/${PHASES.length} ${r.status === 'running' ? r.phase : r.status}${tasks}`;
    });
    this.out.write(`${lines.join('\n')}\n`);
    this.drawnLines = lines.length;
  }
}
