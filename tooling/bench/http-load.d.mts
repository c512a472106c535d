export interface Answer {
  status: number;
  cookie?: string;
  body: string;
  error?: string;
}
export interface LoadAnswer {
  path: string;
  status: number;
  error?: string;
}
export function call(
  url: string,
  init?: { method?: string; body?: unknown; cookie?: string; timeoutMs?: number },
): Promise<Answer>;
export function load(
  base: string,
  paths: readonly string[],
  workers?: number,
): { answers: LoadAnswer[]; stop(): Promise<LoadAnswer[]> };
export function loadRounds(
  base: string,
  paths: readonly string[],
  rounds?: number,
  workers?: number,
): Promise<LoadAnswer[]>;
export function clientChunks(html: string): string[];
export function pageChunks(base: string, pages: readonly string[], cookie?: string): Promise<string[]>;
export function expectedAnswers(base: string, paths: readonly string[]): Promise<Record<string, number>>;
export function failedAnswers(answers: readonly LoadAnswer[], expected: Record<string, number>): LoadAnswer[];
