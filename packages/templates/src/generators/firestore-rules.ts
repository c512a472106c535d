import type { Entity, EntityField, MvpSpec } from '@startup-factory/contracts';
import { entityNames } from './naming';

/** Keys the app writes beside the spec's fields (lib/data/firestore_repository.dart). */
const SYSTEM_KEYS = ['_search', 'createdAt', 'updatedAt'];

const rulesString = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The Firestore type test of a field's value (references are document ids, dates ISO strings). */
function typeTest(field: EntityField, value: string): string {
  switch (field.type) {
    case 'integer':
      return `${value} is int`;
    case 'number':
      return `${value} is number`;
    case 'boolean':
      return `${value} is bool`;
    default:
      return `${value} is string`;
  }
}

/**
 * What a written document must satisfy: only the spec's keys, required ones present, each of its
 * type, and every reference naming a document of the same workspace (so a record can never point
 * into another workspace, whatever the client sends).
 */
function validDocument(entity: Entity, spec: MvpSpec): string[] {
  const keys = [...entity.fields.map((f) => f.name), ...SYSTEM_KEYS].map(rulesString).join(', ');
  const name = entityNames(entity).variable;
  const lines = [`    function ${name}Valid(ws, data) {`, `      return data.keys().hasOnly([${keys}])`];
  for (const field of entity.fields) {
    const value = `data[${rulesString(field.name)}]`;
    const present = `${rulesString(field.name)} in data && ${value} != null`;
    let check = typeTest(field, value);
    if (field.type === 'reference') {
      const target = spec.entities.find((e) => e.name === field.references);
      const collection = target ? entityNames(target).table : '';
      check += ` && exists(/databases/$(database)/documents/workspaces/$(ws)/${collection}/$(${value}))`;
    }
    if (field.type === 'enum' && field.enumValues?.length) {
      check += ` && ${value} in [${field.enumValues.map(rulesString).join(', ')}]`;
    }
    lines.push(
      field.required
        ? `        && ${present} && ${check}`
        : `        && (!(${rulesString(field.name)} in data) || ${value} == null || (${check}))`,
    );
  }
  lines[lines.length - 1] += ';';
  lines.push('    }');
  return lines;
}

/**
 * `firestore.rules`: every record lives under `workspaces/{workspaceId}/<collection>/{id}` and only
 * members of that workspace (a `members/{uid}` document) read or write it. A workspace is created by
 * its owner; members join with a single-use, expiring invite; only an owner invites or removes.
 * Anything not matched here is refused.
 */
export function firestoreRules(spec: MvpSpec): string {
  const collections = spec.entities.flatMap((entity) => {
    const { table, variable } = entityNames(entity);
    return [
      `      match /${table}/{recordId} {`,
      '        allow read, delete: if isMember(ws);',
      `        allow create, update: if isMember(ws) && ${variable}Valid(ws, request.resource.data);`,
      '      }',
    ];
  });
  return [
    "rules_version = '2';",
    `// Generated from the MVP spec "${spec.name.replace(/[\r\n]/g, ' ')}" by Startup Factory.`,
    '// Deploy with: firebase deploy --only firestore:rules',
    'service cloud.firestore {',
    '  match /databases/{database}/documents {',
    '    function signedIn() {',
    '      return request.auth != null;',
    '    }',
    '    function memberDoc(ws) {',
    '      return /databases/$(database)/documents/workspaces/$(ws)/members/$(request.auth.uid);',
    '    }',
    '    function isMember(ws) {',
    '      return signedIn() && exists(memberDoc(ws));',
    '    }',
    '    function isOwner(ws) {',
    "      return isMember(ws) && get(memberDoc(ws)).data.role == 'owner';",
    '    }',
    '    function inviteDoc(ws, inviteId) {',
    '      return /databases/$(database)/documents/workspaces/$(ws)/invites/$(inviteId);',
    '    }',
    ...spec.entities.flatMap((entity) => validDocument(entity, spec)),
    '',
    '    // Which workspace a user works in; only they read or change it, and only to one they belong to.',
    '    match /users/{uid} {',
    '      allow read: if signedIn() && request.auth.uid == uid;',
    "      allow write: if signedIn() && request.auth.uid == uid && request.resource.data.keys().hasOnly(['workspaceId'])",
    '        && existsAfter(/databases/$(database)/documents/workspaces/$(request.resource.data.workspaceId)/members/$(uid));',
    '    }',
    '',
    '    match /workspaces/{ws} {',
    '      allow read: if isMember(ws);',
    "      allow create: if signedIn() && request.resource.data.ownerUid == request.auth.uid && request.resource.data.keys().hasOnly(['name', 'ownerUid', 'createdAt']);",
    '      allow update: if isOwner(ws) && request.resource.data.ownerUid == resource.data.ownerUid;',
    '',
    '      match /members/{uid} {',
    '        allow read: if isMember(ws);',
    '        // The creator of a workspace becomes its owner; anyone else joins as a member with an',
    '        // unused, unexpired invite, which the same write marks used (a second use fails).',
    '        allow create: if signedIn() && uid == request.auth.uid && (',
    "          (request.resource.data.role == 'owner'",
    '            && get(/databases/$(database)/documents/workspaces/$(ws)).data.ownerUid == request.auth.uid)',
    "          || (request.resource.data.role == 'member'",
    '            && exists(inviteDoc(ws, request.resource.data.invite))',
    '            && get(inviteDoc(ws, request.resource.data.invite)).data.usedBy == null',
    '            && get(inviteDoc(ws, request.resource.data.invite)).data.expiresAt > request.time',
    '            && getAfter(inviteDoc(ws, request.resource.data.invite)).data.usedBy == request.auth.uid));',
    '        allow delete: if isOwner(ws) && uid != request.auth.uid;',
    '      }',
    '',
    '      match /invites/{inviteId} {',
    '        // The invite id is the secret of the link; it can be read by id, never listed.',
    '        allow get: if signedIn();',
    '        allow create: if isOwner(ws) && request.resource.data.usedBy == null && request.resource.data.expiresAt is timestamp;',
    '        allow update: if signedIn() && resource.data.usedBy == null && resource.data.expiresAt > request.time',
    "          && request.resource.data.diff(resource.data).affectedKeys().hasOnly(['usedBy'])",
    '          && request.resource.data.usedBy == request.auth.uid',
    '          && existsAfter(/databases/$(database)/documents/workspaces/$(ws)/members/$(request.auth.uid));',
    '      }',
    '',
    ...collections,
    '    }',
    '',
    '    match /{document=**} {',
    '      allow read, write: if false;',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}
