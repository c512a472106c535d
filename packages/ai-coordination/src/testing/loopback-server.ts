import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  anthropicBody,
  enforceOutputLimit,
  openAIBody,
  outputLimitOf,
  type ReplyContent,
  writeAnthropicStream,
  writeOpenAIStream,
} from './loopback-protocols';
import { type LoopbackStrictness, refusalFor } from './loopback-strictness';

/** What the server does with one request. */
export type LoopbackReply =
  /**
   * A completion whose text is `content` (for a forced Anthropic tool, its JSON input). Longer
   * than the request's max_completion_tokens / max_tokens (`outputTokens`, else about 4
   * characters a token), it is cut there and marked, as real servers do.
   */
  | {
      content: string;
      inputTokens?: number;
      outputTokens?: number;
      model?: string;
      delayMs?: number;
      truncate?: boolean;
    }
  /** An HTTP error, e.g. 429 with `{ 'retry-after': '1' }`. */
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** A raw body, e.g. malformed or truncated JSON with status 200. */
  | { raw: string; status?: number; contentType?: string }
  /** Never answer: the client's timeout has to fire. */
  | { hang: true };

export interface RecordedRequest {
  protocol: 'openai' | 'anthropic' | 'unknown';
  method: string;
  path: string;
  /** Request headers; authorization and key headers keep their name but not their value. */
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: the parsed wire body; tests read arbitrary protocol fields from it.
  body: any;
  stream: boolean;
  /** The structured-output schema asked for: the response_format name, or the (forced or only) Anthropic tool. */
  schemaName?: string;
}

export type LoopbackResponder = (
  request: RecordedRequest,
  index: number,
) => LoopbackReply | Promise<LoopbackReply>;

export interface LoopbackServer {
  /** http://127.0.0.1:port */
  url: string;
  /** baseURL for the openai client. */
  openaiBaseURL: string;
  /** baseURL for the Anthropic client. */
  anthropicBaseURL: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Replies used first, one per request, before the responder. */
  enqueue(...replies: LoopbackReply[]): void;
  setResponder(responder: LoopbackResponder): void;
  close(): Promise<void>;
}

const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'api-key', 'proxy-authorization']);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function record(req: IncomingMessage, text: string): RecordedRequest {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  let body: RecordedRequest['body'] = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    headers[k] = SECRET_HEADERS.has(k) ? '[redacted]' : Array.isArray(v) ? v.join(', ') : (v ?? '');
  }
  const protocol = path.endsWith('/chat/completions')
    ? 'openai'
    : path.endsWith('/messages')
      ? 'anthropic'
      : 'unknown';
  const schemaName: string | undefined =
    protocol === 'openai'
      ? body?.response_format?.json_schema?.name
      : (body?.tool_choice?.name ?? body?.tools?.[0]?.name);
  return {
    protocol,
    method: req.method ?? 'GET',
    path,
    headers,
    body,
    stream: body?.stream === true,
    ...(schemaName ? { schemaName } : {}),
  };
}

const estimateTokens = (value: unknown) => Math.max(1, Math.ceil(JSON.stringify(value ?? '').length / 4));

function respond(res: ServerResponse, request: RecordedRequest, reply: LoopbackReply): void {
  if ('hang' in reply) return;
  if ('raw' in reply) {
    res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json' });
    res.end(reply.raw);
    return;
  }
  if ('status' in reply) {
    const body = reply.body ?? {
      error: {
        type: reply.status === 429 ? 'rate_limit_error' : 'api_error',
        message: `loopback ${reply.status}`,
      },
    };
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(body));
    return;
  }
  const content: ReplyContent = enforceOutputLimit(
    {
      content: reply.content,
      model: reply.model ?? request.body?.model ?? 'loopback-model',
      inputTokens: reply.inputTokens ?? estimateTokens(request.body?.messages),
      outputTokens: reply.outputTokens ?? estimateTokens(reply.content),
      ...(request.protocol === 'anthropic' && request.schemaName ? { toolName: request.schemaName } : {}),
      ...(reply.truncate ? { truncate: true } : {}),
    },
    outputLimitOf(request.body),
  );
  if (request.stream) {
    if (request.protocol === 'anthropic') writeAnthropicStream(res, content);
    else writeOpenAIStream(res, content);
    return;
  }
  const json = JSON.stringify(
    request.protocol === 'anthropic' ? anthropicBody(content) : openAIBody(content),
  );
  if (reply.truncate) {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(json)),
    });
    res.write(json.slice(0, Math.floor(json.length / 2)));
    res.destroy();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(json);
}

/**
 * An HTTP server on 127.0.0.1 (random port) speaking the OpenAI Chat Completions and Anthropic
 * Messages wire protocols, streaming included, so the real SDKs can be tested without a vendor.
 * Each request is answered from the queue, then the responder; by default with "ok". With
 * `strictness`, requests a stricter server would refuse get its 400 and use neither.
 */
export async function startLoopbackServer({
  responder,
  strictness = {},
}: {
  responder?: LoopbackResponder;
  strictness?: LoopbackStrictness;
} = {}): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const queue: LoopbackReply[] = [];
  let current: LoopbackResponder = responder ?? (() => ({ content: 'ok' }));
  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    try {
      const request = record(req, await readBody(req));
      const index = requests.push(request) - 1;
      const refused = refusalFor(request, strictness);
      const reply = refused ?? queue.shift() ?? (await current(request, index));
      const delay = 'content' in reply ? reply.delayMs : undefined;
      if (delay) setTimeout(() => respond(res, request, reply), delay);
      else respond(res, request, reply);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { type: 'api_error', message: `loopback responder failed: ${String(error)}` },
        }),
      );
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: url,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    setResponder: (r) => {
      current = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
