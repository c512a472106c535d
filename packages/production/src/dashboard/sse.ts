import type { FactoryEvent, IEventBus, IStateStore } from '@startup-factory/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { followEvents } from '../metrics/follow-events';

export interface SseOptions {
  store: IStateStore;
  bus: IEventBus;
  heartbeatMs?: number;
}

/** `Last-Event-ID` (a reconnecting EventSource) or `?after=<seq>`; undefined means live events only. */
export function resumePoint(request: FastifyRequest): number | undefined {
  const header = request.headers['last-event-id'];
  const query = (request.query as { after?: string } | undefined)?.after;
  const raw = typeof header === 'string' && header !== '' ? header : query;
  if (raw === undefined || raw === '') return undefined;
  const seq = Number(raw);
  return Number.isInteger(seq) && seq >= 0 ? seq : undefined;
}

export function formatSse(event: FactoryEvent): string {
  const id = event.seq === undefined ? '' : `id: ${event.seq}\n`;
  return `${id}event: factory\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * Streams factory events as Server-Sent Events: stored history after the resume point first,
 * then live events from the bus, each once and in order. Survives host restarts because the
 * browser reconnects with the last id it saw and the history comes from the store. `end()` closes
 * the stream (on server shutdown, so open browser tabs do not hold it up).
 */
export function streamEvents(
  request: FastifyRequest,
  reply: FastifyReply,
  options: SseOptions,
): { end(): void; closed: Promise<void> } {
  const after = resumePoint(request);
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    // One stream per connection: closing it frees the socket, so shutdown is not held up.
    connection: 'close',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  const follower = followEvents({
    store: options.store,
    bus: options.bus,
    replay: after === undefined ? false : { afterSeq: after },
    onEvent: (event) => {
      if (!res.writableEnded) res.write(formatSse(event));
    },
  });
  follower.ready.catch(() => res.end());
  const heartbeat = setInterval(() => res.write(': ping\n\n'), options.heartbeatMs ?? 15_000);
  heartbeat.unref();
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  const socket = request.raw.socket;
  const stop = () => {
    clearInterval(heartbeat);
    follower.close();
    if (!socket || socket.destroyed) resolveClosed();
  };
  res.on('close', stop);
  socket?.once('close', () => {
    stop();
    resolveClosed();
  });
  return {
    closed,
    end() {
      stop();
      if (!res.writableEnded) res.end();
      socket?.destroy();
    },
  };
}
