import type { ServerResponse } from 'node:http';

export interface ReplyContent {
  content: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** Anthropic only: the forced tool whose input the content is. */
  toolName?: string;
  /** Stop mid-stream and drop the connection. */
  truncate?: boolean;
  /** The answer hit the request's output limit and was cut there: finish_reason "length", stop_reason "max_tokens". */
  cutAtLimit?: boolean;
}

/** The output limit a request sets, as real servers read it: max_completion_tokens, else max_tokens. */
// biome-ignore lint/suspicious/noExplicitAny: the parsed wire body.
export function outputLimitOf(body: any): number | undefined {
  const limit = body?.max_completion_tokens ?? body?.max_tokens;
  return typeof limit === 'number' && limit > 0 ? limit : undefined;
}

/**
 * What a server sends when an answer of `outputTokens` meets a request limited to `limit`: the
 * text cut at the same share of its length, the limit's tokens, and the mark it was cut.
 */
export function enforceOutputLimit(r: ReplyContent, limit: number | undefined): ReplyContent {
  if (limit === undefined || r.outputTokens <= limit) return r;
  const kept = Math.floor((r.content.length * limit) / r.outputTokens);
  return { ...r, content: r.content.slice(0, kept), outputTokens: limit, cutAtLimit: true };
}

function chunks(text: string, parts = 4): string[] {
  const size = Math.max(1, Math.ceil(text.length / parts));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [''];
}

export function openAIBody(r: ReplyContent): unknown {
  return {
    id: 'chatcmpl-loopback',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: r.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: r.content, refusal: null },
        finish_reason: r.cutAtLimit ? 'length' : 'stop',
        logprobs: null,
      },
    ],
    usage: {
      prompt_tokens: r.inputTokens,
      completion_tokens: r.outputTokens,
      total_tokens: r.inputTokens + r.outputTokens,
    },
  };
}

/** Chat Completions SSE: role chunk, content deltas, finish chunk, usage chunk, [DONE]. */
export function writeOpenAIStream(res: ServerResponse, r: ReplyContent): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const base = {
    id: 'chatcmpl-loopback',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: r.model,
  };
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
  const parts = chunks(r.content);
  for (const [i, piece] of parts.entries()) {
    if (r.truncate && i >= parts.length / 2) {
      res.destroy();
      return;
    }
    send({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
  }
  send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: r.cutAtLimit ? 'length' : 'stop' }] });
  send({
    ...base,
    choices: [],
    usage: {
      prompt_tokens: r.inputTokens,
      completion_tokens: r.outputTokens,
      total_tokens: r.inputTokens + r.outputTokens,
    },
  });
  res.end('data: [DONE]\n\n');
}

function toolInput(r: ReplyContent): unknown | undefined {
  if (!r.toolName) return undefined;
  // Cut at the limit, a tool call is incomplete: its input holds no whole answer (streamed, the
  // deltas carry the cut JSON).
  if (r.cutAtLimit) return {};
  try {
    const value = JSON.parse(r.content);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function anthropicBody(r: ReplyContent): unknown {
  const input = toolInput(r);
  return {
    id: 'msg_loopback',
    type: 'message',
    role: 'assistant',
    model: r.model,
    content:
      input !== undefined
        ? [{ type: 'tool_use', id: 'toolu_loopback', name: r.toolName, input }]
        : [{ type: 'text', text: r.content }],
    stop_reason: stopReason(r, input),
    stop_sequence: null,
    usage: { input_tokens: r.inputTokens, output_tokens: r.outputTokens },
  };
}

function stopReason(r: ReplyContent, input: unknown): string {
  if (r.cutAtLimit) return 'max_tokens';
  return input !== undefined ? 'tool_use' : 'end_turn';
}

/** Messages SSE: message_start, one content block with deltas, message_delta, message_stop. */
export function writeAnthropicStream(res: ServerResponse, r: ReplyContent): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (event: string, data: Record<string, unknown>) =>
    res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
  const input = toolInput(r);
  send('message_start', {
    message: {
      id: 'msg_loopback',
      type: 'message',
      role: 'assistant',
      model: r.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: r.inputTokens, output_tokens: 1 },
    },
  });
  send('content_block_start', {
    index: 0,
    content_block:
      input !== undefined
        ? { type: 'tool_use', id: 'toolu_loopback', name: r.toolName, input: {} }
        : { type: 'text', text: '' },
  });
  const parts = chunks(r.content);
  for (const [i, piece] of parts.entries()) {
    if (r.truncate && i >= parts.length / 2) {
      res.destroy();
      return;
    }
    send('content_block_delta', {
      index: 0,
      delta:
        input !== undefined
          ? { type: 'input_json_delta', partial_json: piece }
          : { type: 'text_delta', text: piece },
    });
  }
  send('content_block_stop', { index: 0 });
  send('message_delta', {
    delta: { stop_reason: stopReason(r, input), stop_sequence: null },
    usage: { output_tokens: r.outputTokens },
  });
  send('message_stop', {});
  res.end();
}
