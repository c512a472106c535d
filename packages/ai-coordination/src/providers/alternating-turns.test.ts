import type { ChatMessage } from '@startup-factory/contracts';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../coordination/seeded-random';
import { conversationFor, toAlternatingTurns } from './alternating-turns';

const user = (content: string): ChatMessage => ({ role: 'user', content });
const assistant = (content: string): ChatMessage => ({ role: 'assistant', content });

/** What vLLM's and Mistral's templates (and Anthropic on Bedrock) require of the turns. */
function expectValid(turns: ChatMessage[]) {
  expect(turns[0]?.role).toBe('user');
  for (const [i, turn] of turns.entries()) {
    expect(turn.content.trim()).not.toBe('');
    if (i > 0) expect(turn.role).not.toBe(turns[i - 1]?.role);
  }
}

describe('toAlternatingTurns', () => {
  it('leaves a valid conversation as it is', () => {
    const valid = [user('a'), assistant('b'), user('c')];
    expect(toAlternatingTurns(valid)).toEqual(valid);
  });

  it('folds leading assistant turns into the first user turn, marked as earlier answers', () => {
    const turns = toAlternatingTurns([
      assistant('[openai on x] one'),
      assistant('[anthropic on y] two'),
      user('do it'),
    ]);
    expect(turns).toEqual([
      user('Earlier answers, for reference:\n[openai on x] one\n\n[anthropic on y] two\n\ndo it'),
    ]);
  });

  it('joins consecutive turns of one role and drops empty ones', () => {
    expect(
      toAlternatingTurns([user('a'), user('  '), user('b'), assistant(''), assistant('c'), assistant('d')]),
    ).toEqual([user('a\n\nb'), assistant('c\n\nd')]);
  });

  it('turns assistant-only context into one user turn', () => {
    expect(toAlternatingTurns([assistant('note')])).toEqual([user('Earlier answers, for reference:\nnote')]);
  });

  it('yields a valid conversation for any mix of roles and empty content', () => {
    const random = seededRandom(9);
    for (let round = 0; round < 300; round++) {
      const messages = Array.from({ length: Math.floor(random() * 12) }, (_, i) => ({
        role: random() < 0.5 ? ('user' as const) : ('assistant' as const),
        content: random() < 0.2 ? ' ' : `m${i}`,
      }));
      const turns = toAlternatingTurns(messages);
      if (messages.every((m) => m.content.trim() === '')) expect(turns).toEqual([]);
      else expectValid(turns);
      // Nothing with content is lost.
      for (const m of messages)
        if (m.content.trim()) expect(turns.map((t) => t.content).join('\n')).toContain(m.content);
    }
  });

  it('does not change the messages it was given', () => {
    const messages = [user('a'), user('b')];
    toAlternatingTurns(messages);
    expect(messages).toEqual([user('a'), user('b')]);
  });
});

describe('conversationFor', () => {
  it('refuses, permanently, a request with nothing to send', () => {
    expect(() => conversationFor('vllm', [user(' ')])).toThrow(
      expect.objectContaining({ code: 'PROVIDER_ERROR', permanent: true }),
    );
  });
});
