import { execFile } from 'node:child_process';

/** What git answered; a non-zero exit is an answer too (a merge with conflicts exits 1). */
export interface GitAnswer {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Git's own settings for every call: the factory's identity, no system or user config (a user's
 * `commit.gpgsign` or hooks path must not change what the factory records), no line-ending rewrites.
 */
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Startup Factory',
  GIT_AUTHOR_EMAIL: 'factory@startup-factory.invalid',
  GIT_COMMITTER_NAME: 'Startup Factory',
  GIT_COMMITTER_EMAIL: 'factory@startup-factory.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
};
const GIT_FLAGS = [
  '-c',
  'core.autocrlf=false',
  '-c',
  'commit.gpgsign=false',
  '-c',
  'core.hooksPath=/dev/null',
];

/** The git CLI in one folder (a repository or one of its worktrees). */
export class GitRepository {
  constructor(readonly dir: string) {}

  /** Runs git and answers whatever it exits with. */
  tryRun(args: string[], env: Record<string, string> = {}): Promise<GitAnswer> {
    return new Promise((resolve, reject) => {
      execFile(
        'git',
        [...GIT_FLAGS, ...args],
        {
          cwd: this.dir,
          env: { ...process.env, ...GIT_ENV, ...env },
          maxBuffer: 64 * 1024 * 1024,
          encoding: 'utf8',
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          if (error && code === -1) reject(new Error(`git ${args[0]} could not run: ${error.message}`));
          else resolve({ code, stdout, stderr });
        },
      );
    });
  }

  /** Runs git; a non-zero exit throws with git's own message. */
  async run(args: string[], env: Record<string, string> = {}): Promise<string> {
    const answer = await this.tryRun(args, env);
    if (answer.code !== 0) {
      throw new Error(
        `git ${args.join(' ')} failed (${answer.code}): ${(answer.stderr || answer.stdout).trim()}`,
      );
    }
    return answer.stdout;
  }

  async revParse(ref: string): Promise<string | null> {
    const answer = await this.tryRun(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return answer.code === 0 ? answer.stdout.trim() : null;
  }

  /** Paths with changes not committed (untracked ones included, ignored ones not). */
  async uncommitted(): Promise<string[]> {
    const out = await this.run(['status', '--porcelain=v1', '-z', '--untracked-files=all']);
    return out
      .split('\0')
      .filter((entry) => entry.length > 3)
      .map((entry) => entry.slice(3));
  }

  /**
   * A commit of the files in `treeDir` (as its own .gitignore and this repository's exclude file
   * leave them), with `parents`, made through a private index so neither this repository's index
   * nor its working tree changes.
   */
  async commitFolder(
    treeDir: string,
    parents: string[],
    message: string,
    indexFile: string,
  ): Promise<string> {
    const gitDir = (await this.run(['rev-parse', '--absolute-git-dir'])).trim();
    const folder = new GitRepository(treeDir);
    const env = { GIT_DIR: gitDir, GIT_WORK_TREE: treeDir, GIT_INDEX_FILE: indexFile };
    await folder.run(['add', '--all', '.'], env);
    const tree = (await folder.run(['write-tree'], env)).trim();
    const parentArgs = parents.flatMap((p) => ['-p', p]);
    return (await this.run(['commit-tree', tree, ...parentArgs, '-m', message])).trim();
  }

  /** `path`'s content at `commit`, or null when it has none there. */
  async show(commit: string, path: string): Promise<string | null> {
    const answer = await this.tryRun(['show', `${commit}:${path}`]);
    return answer.code === 0 ? answer.stdout : null;
  }

  /** Files of `commit` below `folder`. */
  async listFiles(commit: string, folder: string): Promise<string[]> {
    const out = await this.run(['ls-tree', '-r', '--name-only', '-z', commit, '--', folder]);
    return out.split('\0').filter(Boolean);
  }
}
