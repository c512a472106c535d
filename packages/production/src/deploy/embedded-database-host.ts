import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** The subset of PGlite the socket server drives; loaded from the project so its own version reads its data. */
type PGliteInstance = ConstructorParameters<typeof PGLiteSocketServer>[0]['db'];

export interface EmbeddedDatabaseHostOptions {
  projectDir: string;
  /** The app's APP_DATA_DIR (default `.data`, relative to the project). */
  dataDir?: string;
  /** The schema the app keeps its tables in; every connection searches it. */
  schema: string;
  /** Connections the host multiplexes onto PGlite's single session. */
  maxConnections?: number;
}

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Serves a generated app's embedded PGlite database over PostgreSQL's wire protocol on a unix
 * socket, so two generations of the app (blue/green) can share it during a redeploy: PGlite itself
 * is one process, one connection. The host loads PGlite from the project's own node_modules, so
 * the version that wrote `.data` is the one that reads it.
 */
export class EmbeddedDatabaseHost {
  private constructor(
    private readonly db: PGliteInstance,
    private readonly server: PGLiteSocketServer,
    private readonly socketDir: string,
    /** `APP_DATABASE_URL` for the app's processes. */
    readonly url: string,
  ) {}

  /** Whether the project depends on PGlite (an embedded database) and has it installed. */
  static canHost(projectDir: string): boolean {
    try {
      const manifest = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'));
      if (!manifest.dependencies?.['@electric-sql/pglite']) return false;
      createRequire(join(projectDir, 'package.json')).resolve('@electric-sql/pglite');
      return true;
    } catch {
      return false;
    }
  }

  static async start(options: EmbeddedDatabaseHostOptions): Promise<EmbeddedDatabaseHost> {
    if (!SCHEMA.test(options.schema)) throw new Error(`not a schema name: ${options.schema}`);
    const entry = createRequire(join(options.projectDir, 'package.json')).resolve('@electric-sql/pglite');
    const { PGlite } = (await import(pathToFileURL(entry).href)) as {
      PGlite: {
        create(
          dataDir: string,
        ): Promise<PGliteInstance & { exec(sql: string): Promise<unknown>; close(): Promise<void> }>;
      };
    };
    const relative = options.dataDir ?? '.data';
    const dataDir = isAbsolute(relative) ? relative : join(options.projectDir, relative);
    const db = await PGlite.create(dataDir);
    // One session serves every client, so the search path set here is the one they all use.
    await db.exec(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"; SET search_path TO "${options.schema}";`);
    // Unix socket paths are limited to ~100 bytes, so the socket lives in a short temp folder.
    const socketDir = await mkdtemp(join(tmpdir(), 'sf-db-'));
    const server = new PGLiteSocketServer({
      db,
      path: join(socketDir, '.s.PGSQL.5432'),
      maxConnections: options.maxConnections ?? 20,
    });
    try {
      await server.start();
    } catch (error) {
      await db.close();
      await rm(socketDir, { recursive: true, force: true });
      throw error;
    }
    const url = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`;
    return new EmbeddedDatabaseHost(db, server, socketDir, url);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await (this.db as unknown as { close(): Promise<void> }).close();
    await rm(this.socketDir, { recursive: true, force: true });
  }
}
