import { MvpSpec } from '@startup-factory/contracts';
import { describe, expect, it } from 'vitest';
import { firestoreRules } from './firestore-rules';

const spec = MvpSpec.parse({
  name: 'Clinic Desk',
  tagline: 't',
  problem: 'p',
  solution: 's',
  entities: [
    {
      name: 'Patient',
      fields: [
        { name: 'fullName', type: 'string' },
        { name: 'notes', type: 'text', required: false },
      ],
    },
    {
      name: 'Appointment',
      fields: [
        { name: 'patient', type: 'reference', references: 'Patient' },
        { name: 'minutes', type: 'integer' },
        { name: 'status', type: 'enum', enumValues: ['booked', 'no_show'] },
      ],
    },
  ],
  userStories: [{ asA: 'a', iWant: 'b', soThat: 'c' }],
  pages: [{ path: '/', title: 'Home', kind: 'landing' }],
});

/** The body of `match <path> { ... }`, braces balanced. */
function block(rules: string, path: string): string {
  const start = rules.indexOf(`match ${path} {`);
  expect(start, path).toBeGreaterThanOrEqual(0);
  let depth = 0;
  for (let i = start + `match ${path} `.length; i < rules.length; i++) {
    if (rules[i] === '{') depth++;
    if (rules[i] === '}' && --depth === 0) return rules.slice(start, i + 1);
  }
  throw new Error(`unbalanced block at ${path}`);
}

describe('firestoreRules', () => {
  const rules = firestoreRules(spec);

  it('nests every collection under its workspace, open to members only, and refuses everything else', () => {
    expect(rules.startsWith("rules_version = '2';")).toBe(true);
    const workspace = block(rules, '/workspaces/{ws}');
    for (const collection of ['patients', 'appointments']) {
      const body = block(workspace, `/${collection}/{recordId}`);
      expect(body).toContain('allow read, delete: if isMember(ws);');
      expect(body).toMatch(
        /allow create, update: if isMember\(ws\) && \w+Valid\(ws, request\.resource\.data\);/,
      );
      // No top-level match of the collection, where records would be shared by everyone.
      expect(rules.split(`match /${collection}/`).length).toBe(2);
    }
    expect(rules).toContain('return signedIn() && exists(memberDoc(ws));');
    expect(block(rules, '/{document=**}')).toContain('allow read, write: if false;');
    expect(rules.match(/\{/g)?.length).toBe(rules.match(/\}/g)?.length);
  });

  it('lets a reference point only at a document of the same workspace, and writes only the spec keys', () => {
    expect(rules).toContain(
      "exists(/databases/$(database)/documents/workspaces/$(ws)/patients/$(data['patient']))",
    );
    expect(rules).toContain(
      "data.keys().hasOnly(['patient', 'minutes', 'status', '_search', 'createdAt', 'updatedAt'])",
    );
    expect(rules).toContain("data['status'] in ['booked', 'no_show']");
    expect(rules).toContain("(!('notes' in data) || data['notes'] == null || (data['notes'] is string))");
  });

  it('lets only owners invite or remove, and an invite admit one member before it expires', () => {
    const members = block(rules, '/members/{uid}');
    expect(members).toContain("request.resource.data.role == 'member'");
    expect(members).toContain('get(inviteDoc(ws, request.resource.data.invite)).data.usedBy == null');
    expect(members).toContain('.data.expiresAt > request.time');
    expect(members).toContain('allow delete: if isOwner(ws) && uid != request.auth.uid;');
    const invites = block(rules, '/invites/{inviteId}');
    expect(invites).toContain('allow create: if isOwner(ws)');
    expect(invites).not.toContain('allow list');
    expect(invites).not.toMatch(/allow read/);
  });
});
