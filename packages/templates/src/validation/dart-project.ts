import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { checkDartStructure } from './dart-structure';

/** A file of a Flutter project: its `/`-separated path inside the project and its text. */
export interface DartProjectFile {
  path: string;
  content: string;
}

export interface DartProjectProblem {
  file: string;
  line: number;
  message: string;
}

/** Packages every Flutter project has without listing them under a hosted version. */
const SDK_PACKAGES = new Set(['flutter', 'flutter_test', 'flutter_driver', 'integration_test']);

const IMPORT = /^[ \t]*(?:import|export|part)[ \t]+(['"])([^'"]+)\1/gm;

interface Pubspec {
  name: string | null;
  dependencies: Set<string>;
  devDependencies: Set<string>;
}

function readPubspec(text: string): Pubspec {
  const sections: Record<string, Set<string>> = { dependencies: new Set(), dev_dependencies: new Set() };
  let current: Set<string> | undefined;
  for (const line of text.split('\n')) {
    const top = /^([A-Za-z_]+):/.exec(line);
    if (top) current = sections[top[1]!];
    const entry = /^ {2}([a-z_][a-z0-9_]*):/.exec(line);
    if (entry && current) current.add(entry[1]!);
  }
  return {
    name: /^name:[ \t]*([a-z_][a-z0-9_]*)/m.exec(text)?.[1] ?? null,
    dependencies: sections.dependencies!,
    devDependencies: sections.dev_dependencies!,
  };
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/**
 * What can be checked of a Flutter project without the Dart SDK: every Dart file is structurally
 * sound ({@link checkDartStructure}); every import resolves (relative and `package:<this app>/` URIs
 * to files of the project, other packages to `pubspec.yaml` dependencies, dev dependencies only
 * from tests); every library under `lib/` is imported by another file; every screen class is used
 * outside its own file. Type errors are left to `flutter analyze`.
 */
export function checkDartProject(files: DartProjectFile[]): DartProjectProblem[] {
  const problems: DartProjectProblem[] = [];
  const byPath = new Map(files.map((f) => [f.path, f]));
  const pubspecFile = byPath.get('pubspec.yaml');
  if (!pubspecFile) return [{ file: 'pubspec.yaml', line: 1, message: 'pubspec.yaml is missing' }];
  const pubspec = readPubspec(pubspecFile.content);
  const dartFiles = files.filter((f) => f.path.endsWith('.dart'));
  const imported = new Set<string>();

  for (const file of dartFiles) {
    for (const p of checkDartStructure(file.content)) problems.push({ file: file.path, ...p });
    for (const match of file.content.matchAll(IMPORT)) {
      const uri = match[2]!;
      const line = lineOf(file.content, match.index);
      const problem = (message: string) => problems.push({ file: file.path, line, message });
      if (uri.startsWith('dart:')) continue;
      if (uri.startsWith('package:')) {
        const [pkg, ...rest] = uri.slice('package:'.length).split('/');
        if (pkg === pubspec.name) {
          const target = `lib/${rest.join('/')}`;
          if (byPath.has(target)) imported.add(target);
          else problem(`imports ${uri}, but ${target} does not exist`);
        } else if (pkg && !pubspec.dependencies.has(pkg) && !SDK_PACKAGES.has(pkg)) {
          const dev = pubspec.devDependencies.has(pkg);
          if (!dev || file.path.startsWith('lib/'))
            problem(`imports package ${pkg}, which pubspec.yaml does not list under dependencies`);
        }
        continue;
      }
      const target = posix.normalize(posix.join(posix.dirname(file.path), uri));
      if (!byPath.has(target)) problem(`imports ${uri}, but ${target} does not exist`);
      else if (target.startsWith('lib/') && !file.path.startsWith('lib/'))
        problem(`imports ${uri} by a relative path; import lib files as package:${pubspec.name}/…`);
      else imported.add(target);
    }
  }

  for (const file of dartFiles) {
    if (!file.path.startsWith('lib/') || file.path === 'lib/main.dart') continue;
    if (!imported.has(file.path))
      problems.push({ file: file.path, line: 1, message: 'no other file imports it' });
  }
  for (const file of dartFiles.filter((f) => f.path.startsWith('lib/screens/'))) {
    for (const match of file.content.matchAll(/^class (\w+Screen) extends /gm)) {
      const name = match[1]!;
      const used = new RegExp(`\\b${name}\\b`);
      if (!dartFiles.some((other) => other !== file && used.test(other.content))) {
        problems.push({
          file: file.path,
          line: lineOf(file.content, match.index),
          message: `screen ${name} is never used outside its own file`,
        });
      }
    }
  }
  return problems;
}

/** Folders a Flutter build writes, never part of the project's own source. */
const GENERATED_DIRS = new Set(['.dart_tool', 'build', '.git', 'node_modules', 'android', 'ios', 'web']);

/** {@link checkDartProject} on a project folder: its Dart files and `pubspec.yaml`. */
export async function checkDartProjectAt(dir: string): Promise<DartProjectProblem[]> {
  const files: DartProjectFile[] = [];
  async function walk(rel: string): Promise<void> {
    for (const entry of await readdir(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!GENERATED_DIRS.has(entry.name)) await walk(path);
      } else if (entry.isFile() && (path.endsWith('.dart') || path === 'pubspec.yaml')) {
        files.push({ path, content: await readFile(join(dir, path), 'utf8') });
      }
    }
  }
  await walk('');
  return checkDartProject(files);
}
