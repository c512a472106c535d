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

/** Writes phase files inside one startup's folder (atomically) and records each as an artifact. */
export class ArtifactWriter {
  constructor(private readonly deps: { store: IStateStore; events: EventRecorder; clock: () => Date }) {}

  async write(
    startupId: string,
    folder: string,
    phase: string,
    file: { path: string; kind: Artifact['kind']; content: string },
  ): Promise<Artifact> {
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
    return this.record(startupId, phase, file.kind, file.path, file.content);
  }

  /** Records a file or folder something else wrote (the generated project). */
  async record(
    startupId: string,
    phase: string,
    kind: Artifact['kind'],
    path: string,
    content: string,
  ): Promise<Artifact> {
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
    const { store } = this.deps;
    if (writesWithEvents(store)) {
      await this.deps.events.published(await store.recordArtifactWithEvent(artifact, event));
      return artifact;
    }
    await store.recordArtifact(artifact);
    await this.deps.events.emit(event);
    return artifact;
  }
}
