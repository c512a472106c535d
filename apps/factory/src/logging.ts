import type { FactoryEvent, IEventBus } from '@startup-factory/contracts';
import type { DependencyMonitor } from '@startup-factory/core';
import { type DestinationStream, type Logger, pino } from 'pino';

/** Fields a log line must never show, wherever they appear (request headers, configs, errors). */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  '*.apiKey',
  '*.token',
  '*.password',
  '*.*.token',
];

export interface LoggerOptions {
  /** pino level; default FACTORY_LOG_LEVEL or `info`. */
  level?: string;
  /** Where lines go; default standard output. */
  destination?: DestinationStream;
}

/**
 * The structured log of `serve` and `worker`: one JSON line per HTTP request, pipeline event and
 * AI warning, with bearer tokens and keys censored.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.FACTORY_LOG_LEVEL ?? 'info',
      base: { pid: process.pid, service: 'startup-factory' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    options.destination ?? pino.destination(1),
  );
}

/** Chatty events (each AI call and task step) log at debug; the rest of the story at info. */
const DEBUG_EVENTS = new Set<FactoryEvent['type']>([
  'ai.call',
  'task.queued',
  'task.started',
  'artifact.written',
]);

/** Logs every event the bus carries as one line; returns the unsubscribe function. */
export function logEvents(bus: IEventBus, logger: Logger): () => void {
  return bus.subscribe((event) => {
    const { type, ...fields } = event;
    if (DEBUG_EVENTS.has(type)) logger.debug({ event: fields }, type);
    else logger.info({ event: fields }, type);
  });
}

/**
 * Logs each outage of PostgreSQL or Redis as one structured line when it starts (error) and one
 * when it ends (info), however many connections fail or how often they retry in between.
 */
export function logDependencyChanges(monitor: DependencyMonitor, logger: Logger): () => void {
  return monitor.onChange(({ dependency, state, detail, at }) => {
    if (state === 'down') logger.error({ dependency, detail, at }, 'dependency.down');
    else logger.info({ dependency, at }, 'dependency.up');
  });
}
