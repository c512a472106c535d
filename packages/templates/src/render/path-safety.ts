import { lstat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { UnsafePathError } from '@startup-factory/contracts';

const SAFE_SLUG = /^[a-z0-9][a-z0-9_-]{0,79}$/;

/** True when `child` is `root` itself or lies below it. */
export function isWithin(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** A project folder name must be one plain segment: lowercase letters, digits, - and _. */
export function assertSafeSlug(slug: string): void {
  if (isAbsolute(slug) || !SAFE_SLUG.test(slug)) {
    throw new UnsafePathError({
      message: `project slug ${JSON.stringify(slug)} is not a single safe folder name; use lowercase letters, digits, - and _ (max 80)`,
    });
  }
}

/** A rendered relative path: no empty, `.` or `..` segments, no absolute path, no backslash or NUL. */
export function assertSafeRelativePath(path: string): void {
  const segments = path.split('/');
  const bad =
    path.length === 0 ||
    isAbsolute(path) ||
    path.includes('\\') ||
    path.includes('\0') ||
    segments.some((s) => s === '' || s === '.' || s === '..');
  if (bad) {
    throw new UnsafePathError({
      message: `rendered path ${JSON.stringify(path)} would leave the project folder; fix the template or the variable that produced it`,
    });
  }
}

/** Rejects a project folder that is a symbolic link (it could point anywhere). */
export async function assertNotLink(path: string): Promise<void> {
  const info = await lstat(path).catch(() => null);
  if (info?.isSymbolicLink()) {
    throw new UnsafePathError({ message: `${path} is a symbolic link; remove it before generating there` });
  }
}
