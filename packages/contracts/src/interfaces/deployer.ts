import type { StartupInstance } from '../schemas/startup-instance';

/** What the production track made of a built project. */
export interface DeployHandoff {
  /** Where the app answers, when the deployer started it. */
  url?: string;
  /** Files it wrote (Dockerfile, manifests), absolute; each is recorded as an artifact. */
  files: string[];
}

/** Hands a built project to the production track; the pipeline's deploy phase calls it. */
export interface IDeployer {
  /** Null when the project is nothing this deployer ships (a mobile app, say): the phase is skipped. */
  deploy(startup: StartupInstance, projectDir: string): Promise<DeployHandoff | null>;
}
