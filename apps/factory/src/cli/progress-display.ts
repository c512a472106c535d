import {
  type FactoryEvent,
  type IEventBus,
  type IStateStore,
  PHASES,
  phaseProgress,
} from '@startup-factory/contracts';
import {
  type AiCallSummary,
  formatAiCalls,
  formatCallCounts,
  phaseOfCall,
  summarizeAiCalls,
} from '@startup-factory/production';
import type { ValidationProgress } from '../validation-progress';
import { seconds } from './output';

interface Row {
  name: string;
  phase: string;
  phasesDone: number;
  tasksRunning: number;
  tasksDone: number;
  status: string;
  /** The validation step running now (install, build, ...), if any. */
  step: string | undefined;
  /** The startup's AI calls so far, as recorded, read at each phase's end. */
  ai: AiCallSummary | undefined;
}

/**
 * Live progress of startups from the event bus. On a terminal it redraws one line per startup;
 * elsewhere (CI logs, pipes) it prints one line per phase change. When a phase ends it reads the
 * phase's recorded AI calls: retries, re-asks, fallbacks, provider/model, tokens and cost.
 */
export class ProgressDisplay {
  private readonly rows = new Map<string, Row>();
  private drawnLines = 0;
  private unsubscribe: Array<() => void> = [];
  private store: IStateStore | undefined;
  /** Updates in arrival order: a phase's end waits for its AI calls to be read. */
  private work: Promise<void> = Promise.resolve();

  constructor(private readonly out: NodeJS.WriteStream) {}

  /** Follows the factory's events and the validation steps its pipelines run. */
  attach(source: {
    parts: { bus: IEventBus; store?: IStateStore };
    onValidationStep(listener: (progress: ValidationProgress) => void): () => void;
  }): void {
    this.store = source.parts.store;
    this.unsubscribe.push(
      source.parts.bus.subscribe((event) => this.enqueue(() => this.onEvent(event))),
      source.onValidationStep((progress) => this.enqueue(() => this.validationStep(progress))),
    );
  }

  /** Stops following; resolves once every update received so far is written. */
  async detach(): Promise<void> {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    await this.work;
    this.redraw();
  }

  private enqueue(update: () => void | Promise<void>): void {
    // A failed read of the usage table must not stop the display; the phase line still prints.
    this.work = this.work.then(update).catch(() => {});
  }

  track(startupId: string, name: string): void {
    this.rows.set(startupId, {
      name,
      phase: PHASES[0],
      phasesDone: 0,
      tasksRunning: 0,
      tasksDone: 0,
      status: 'created',
      step: undefined,
      ai: undefined,
    });
    this.redraw();
  }

  /** A validation step started or ended: one line per finished step (duration, ok or the failure). */
  validationStep(progress: ValidationProgress): void {
    const row = this.rows.get(progress.startupId);
    if (!row) return;
    if (progress.state === 'started') {
      row.step = progress.name;
    } else {
      row.step = undefined;
      const { step } = progress;
      const outcome = `${step.ok ? 'ok' : 'FAILED'} in ${seconds(step.durationMs)}`;
      this.line(
        `${row.name}: validation ${step.name} ${outcome}${step.ok ? '' : `\n${indent(step.detail)}`}`,
      );
    }
    this.redraw();
  }

  private async onEvent(event: FactoryEvent): Promise<void> {
    const row = this.rows.get(event.startupId);
    if (!row) return;
    switch (event.type) {
      case 'phase.started':
        row.phase = event.phase;
        row.phasesDone = phaseProgress(event.phase).done;
        this.line(`${row.name}: ${event.phase} started`);
        break;
      case 'phase.finished': {
        row.step = undefined;
        row.phasesDone = phaseProgress(event.phase).done + (event.outcome === 'failed' ? 0 : 1);
        const calls = await this.aiCalls(row, event.startupId, event.phase);
        this.line(
          `${row.name}: ${event.phase} ${event.outcome} in ${(event.durationMs / 1000).toFixed(1)} s${calls ? `; ai: ${formatAiCalls(calls)}` : ''}`,
        );
        break;
      }
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

  /** The phase's recorded AI calls (none: undefined); refreshes the row's running totals. */
  private async aiCalls(row: Row, startupId: string, phase: string): Promise<AiCallSummary | undefined> {
    if (!this.store) return undefined;
    const usage = await this.store.listUsage({ startupId });
    row.ai = summarizeAiCalls(usage);
    const mine = usage.filter((u) => phaseOfCall(u) === phase);
    return mine.length > 0 ? summarizeAiCalls(mine) : undefined;
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
      const ai = r.ai ? `, ${formatCallCounts(r.ai)}, $${r.ai.costUsd.toFixed(4)}` : '';
      const phase = r.step ? `${r.phase} (${r.step})` : r.phase;
      return `${r.name.padEnd(24).slice(0, 24)} [${bar}] ${r.phasesDone}/${PHASES.length} ${r.status === 'running' ? phase : r.status}${tasks}${ai}`;
    });
    this.out.write(`${lines.join('\n')}\n`);
    this.drawnLines = lines.length;
  }
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
