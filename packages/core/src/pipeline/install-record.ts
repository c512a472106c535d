import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a passed install leaves in node_modules: the manifest and lockfile it installed from. A
 * project whose node_modules carry the record of its current files (an evolve's gate, which starts
 * from the project's node_modules hard-linked in, with dependencies the change left alone) has
 * nothing to install.
 */
const RECORD = join('node_modules', '.factory-install.json');
const LOCKFILES = ['pnpm-lock.yaml', 'package-lock.json'] as const;

interface InstallRecord {
  /** The install command's label (package manager and store): another one installs again. */
  installer: string;
  sha256: string;
}

function fingerprint(projectDir: string): { sha256: string; files: string[] } {
  const hash = createHash('sha256');
  const files = ['package.json', ...LOCKFILES.filter((file) => existsSync(join(projectDir, file)))];
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(projectDir, file)))
      .update('\0');
  return { sha256: hash.digest('hex'), files };
}

/**
 * Why the install can be skipped (node_modules were installed by `installer` from exactly these
 * package.json and lockfile), or null when it must run.
 */
export function installUpToDate(projectDir: string, installer: string): string | null {
  let record: InstallRecord;
  try {
    record = JSON.parse(readFileSync(join(projectDir, RECORD), 'utf8')) as InstallRecord;
  } catch {
    return null;
  }
  const now = fingerprint(projectDir);
  if (record.installer !== installer || record.sha256 !== now.sha256) return null;
  return `node_modules were installed from this very ${now.files.join(' and ')}; nothing to install`;
}

/**
 * Records a passed install. Written aside and renamed into place: the record may be a hard link
 * shared with another tree's node_modules (the project's, in a gate), which must keep its own.
 */
export function recordInstall(projectDir: string, installer: string): void {
  if (!existsSync(join(projectDir, 'node_modules'))) return;
  const record: InstallRecord = { installer, sha256: fingerprint(projectDir).sha256 };
  const target = join(projectDir, RECORD);
  const temporary = `${target}.${randomUUID()}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(record)}\n`);
  renameSync(temporary, target);
}
