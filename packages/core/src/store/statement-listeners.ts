/** Told of every statement an adapter sends, transaction control (BEGIN, COMMIT, ROLLBACK) included. */
export type StatementListener = (sql: string) => void;

/** The listeners of one adapter; a listener's failure never fails the statement it was told of. */
export class StatementListeners {
  private readonly listeners = new Set<StatementListener>();

  add(listener: StatementListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(sql: string): void {
    for (const listener of this.listeners) {
      try {
        listener(sql);
      } catch {
        // Observers are metrics; a broken one must not fail the statement.
      }
    }
  }
}
