import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import {
  type Artifact,
  type FactoryEvent,
  type IStateStore,
  RelativePath,
  UnsafePathError,
} from '@startup-factory/contracts';
import { writesWithEvents } from '../store/writes-with-events';
import type { EventRecorder } from './event-recorder';

/** A file a phase writes into the startup's folder. */
export interface PhaseFile {
  path: string;
  kind: Artifact['kind'];
  content: string;
}

/** Writes phase files inside one startup's folder (atomically) and records each as an artifact. */
export class ArtifactWriter {
  constructor(private readonly deps: { store: IStateStore; events: EventRecorder; clock: () => Date }) {}

  async write(startupId: string, folder: string, phase: string, file: PhaseFile): Promise<Artifact> {
    await this.writeFile(folder, file);
    return this.record(startupId, phase, file.kind, file.path, file.content);
  }

  /**
   * Writes a phase's files, then records them with `document` (the phase's output) and the events
   * reporting them: in one statement where the store can.
   */
  async writeAll(
    startupId: string,
    folder: string,
    phase: string,
    files: readonly PhaseFile[],
    document: { collection: string; key: string; value: unknown },
  ): Promise<void> {
    for (const file of files) await this.writeFile(folder, file);
    const { store } = this.deps;
    if (!writesWithEvents(store)) {
      for (const file of files) await this.record(startupId, phase, file.kind, file.path, file.content);
      await store.putDocument(document.collection, document.key, document.value);
      return;
    }
    const described = files.map((file) =>
      this.describe(startupId, phase, file.kind, file.path, file.content),
    );
    const stored = await store.recordArtifactsWithEvents(
      described.map((d) => d.artifact),
      [document],
      described.map((d) => d.event),
    );
    for (const event of stored) await this.deps.events.published(event);
  }

  private async writeFile(folder: string, file: PhaseFile): Promise<void> {
    const relative = RelativePath.safeParse(file.path);
    const target = resolve(folder, file.path);
    if (!relative.success || !target.startsWith(resolve(folder) + sep)) {
      throw new UnsafePathError({
        message: `Artifact path ${JSON.stringify(file.path)} leaves the startup folder; use a relative path inside it.`,
      });
    }
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.tmp`;
    await writeFile(temporary, file.content);
    await rename(temporary, target);
  }

  /** Records a file or folder something else wrote (the generated project). */
  async record(
    startupId: string,
    phase: string,
    kind: Artifact['kind'],
    path: string,
    content: string,
  ): Promise<Artifact> {
    const { artifact, event } = this.describe(startupId, phase, kind, path, content);
    const { store } = this.deps;
    if (writesWithEvents(store)) {
      await this.deps.events.published(await store.recordArtifactWithEvent(artifact, event));
      return artifact;
    }
    await store.recordArtifact(artifact);
    await this.deps.events.emit(event);
    return artifact;
  }

  /** The artifact record of a file and the event that reports it. */
  private describe(
    startupId: string,
    phase: string,
    kind: Artifact['kind'],
    path: string,
    content: string,
  ): { artifact: Artifact; event: FactoryEvent } {
    const artifact: Artifact = {
      id: randomUUID(),
      startupId,
      phase,
      kind,
      path,
      sha256: createHash('sha256').update(content).digest('hex'),
      sizeBytes: Buffer.byteLength(content),
      createdAt: this.deps.clock(),
    };
    const event: FactoryEvent = {
      type: 'artifact.written',
      startupId,
      at: artifact.createdAt,
      path,
      phase,
      sizeBytes: artifact.sizeBytes,
    };
    return { artifact, event };
  }
}
