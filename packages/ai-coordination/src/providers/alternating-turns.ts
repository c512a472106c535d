import { type ChatMessage, ProviderError } from '@startup-factory/contracts';

const EARLIER_ANSWERS = 'Earlier answers, for reference:';

/**
 * A message list every provider accepts: no empty content, roles strictly alternating and the first
 * turn the user's. Chat templates of Mistral and many vLLM models, and Anthropic on Bedrock and
 * Vertex, refuse anything else with 400. Consecutive turns of one role are joined; assistant turns
 * before the first user turn are folded into it, marked as earlier answers. A trailing assistant
 * turn stays (a prefill).
 */
export function toAlternatingTurns(messages: readonly ChatMessage[]): ChatMessage[] {
  const turns: ChatMessage[] = [];
  let leading: string[] = [];
  for (const message of messages) {
    const content = message.content.trim();
    if (content === '') continue;
    if (turns.length === 0 && message.role === 'assistant') {
      leading.push(content);
      continue;
    }
    const last = turns.at(-1);
    if (last?.role === message.role) {
      last.content = `${last.content}\n\n${content}`;
      continue;
    }
    if (turns.length === 0 && leading.length > 0) {
      turns.push({ role: 'user', content: `${EARLIER_ANSWERS}\n${leading.join('\n\n')}\n\n${content}` });
      leading = [];
      continue;
    }
    turns.push({ role: message.role, content });
  }
  if (turns.length === 0 && leading.length > 0) {
    turns.push({ role: 'user', content: `${EARLIER_ANSWERS}\n${leading.join('\n\n')}` });
  }
  return turns;
}

/** The alternating turns of a request, or a permanent ProviderError when no message has content. */
export function conversationFor(provider: string, messages: readonly ChatMessage[]): ChatMessage[] {
  const turns = toAlternatingTurns(messages);
  if (turns.length === 0) {
    throw new ProviderError({
      provider,
      permanent: true,
      message: `The request to ${provider} has no message with content; send at least one user message.`,
    });
  }
  return turns;
}
