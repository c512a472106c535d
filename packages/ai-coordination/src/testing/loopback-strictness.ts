import type { RecordedRequest } from './loopback-server';

/** How strict the loopback server is, so tests can stand in for servers stricter than OpenAI's. */
export interface LoopbackStrictness {
  /**
   * Refuse with 400, as vLLM and Mistral chat templates do (and Anthropic on Bedrock and Vertex),
   * a message list whose first non-system turn is not `user`, whose roles do not alternate
   * user/assistant, with a system message after the first turn, or with empty content.
   */
  alternatingRoles?: boolean;
  /**
   * The OpenAI `response_format` types the server accepts besides `text`; others are refused with
   * 400 naming response_format. Default both, like OpenAI; `['json_object']` is a server without
   * json_schema, `[]` one without structured output at all.
   */
  responseFormats?: ReadonlyArray<'json_schema' | 'json_object'>;
}

/** A refusal: HTTP status and the error body in the request's protocol. */
export interface Refusal {
  status: number;
  body: unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: a message as it arrived on the wire.
type WireMessage = any;

const isEmpty = (content: unknown): boolean => {
  if (typeof content === 'string') return content.trim().length === 0;
  if (Array.isArray(content)) {
    return (
      content.length === 0 ||
      content.every((block) => typeof block?.text === 'string' && block.text.trim().length === 0)
    );
  }
  return content === undefined || content === null;
};

/** The first rule the conversation breaks, in the words vLLM and Anthropic use, or undefined. */
function roleProblem(messages: WireMessage[], protocol: RecordedRequest['protocol']): string | undefined {
  if (!Array.isArray(messages) || messages.length === 0) return 'messages: at least one message is required';
  let turns = messages;
  if (protocol === 'openai') {
    const leading = messages.findIndex((m) => m?.role !== 'system');
    turns = leading === -1 ? [] : messages.slice(leading);
    if (turns.some((m) => m?.role === 'system')) {
      return 'System message must be at the beginning of the conversation';
    }
    if (turns.length === 0) return 'messages: at least one user message is required';
  }
  for (const [i, m] of messages.entries()) {
    if (isEmpty(m?.content)) return `messages.${i}: content must be non-empty`;
  }
  if (turns[0]?.role !== 'user') return 'Conversation must start with a user message';
  for (let i = 1; i < turns.length; i++) {
    const expected = turns[i - 1]?.role === 'user' ? 'assistant' : 'user';
    if (turns[i]?.role !== expected) {
      return 'Conversation roles must alternate user/assistant/user/assistant/...';
    }
  }
  return undefined;
}

function refusal(protocol: RecordedRequest['protocol'], message: string, param?: string): Refusal {
  if (protocol === 'anthropic') {
    return { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message } } };
  }
  return {
    status: 400,
    body: { error: { message, type: 'BadRequestError', param: param ?? null, code: 400 } },
  };
}

/** Why a strict server would refuse this request, or undefined when it would answer it. */
export function refusalFor(request: RecordedRequest, strictness: LoopbackStrictness): Refusal | undefined {
  if (request.protocol === 'unknown') return undefined;
  if (strictness.alternatingRoles) {
    const problem = roleProblem(request.body?.messages, request.protocol);
    if (problem) return refusal(request.protocol, problem, 'messages');
  }
  const format = request.protocol === 'openai' ? request.body?.response_format?.type : undefined;
  const accepted = strictness.responseFormats ?? ['json_schema', 'json_object'];
  if (typeof format === 'string' && format !== 'text' && !accepted.includes(format as 'json_schema')) {
    return refusal(
      request.protocol,
      `response_format type "${format}" is not supported by this server; use ${['text', ...accepted].join(' or ')}`,
      'response_format',
    );
  }
  return undefined;
}
