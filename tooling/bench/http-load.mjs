// The HTTP client the evolve rollout's e2e test and bench row share: requests on their own
// connection (no keep-alive, so each one meets the proxy's switch), steady load from a few loops,
// the client chunks a Next page loads, and which answers failed.
import { request } from 'node:http';

/** One request on its own connection: status, the first cookie set, the body; status 0 and `error` when none came. */
export function call(url, { method = 'GET', body, cookie, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve) => {
    const headers = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (cookie) headers.cookie = cookie;
    const req = request(url, { method, agent: false, headers, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          cookie: res.headers['set-cookie']?.[0]?.split(';')[0],
          body: text,
        }),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ status: 0, error: error.message, body: '' }));
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Steady load on `paths` from `workers` loops until `stop()`: what each request answered. */
export function load(base, paths, workers = 3) {
  let running = true;
  const { answers, done } = requestLoops(base, paths, workers, () => running);
  return {
    answers,
    async stop() {
      running = false;
      await done;
      return answers;
    },
  };
}

/** The same load until every path was asked `rounds` times: what each request answered. */
export async function loadRounds(base, paths, rounds = 3, workers = 3) {
  const { answers, done } = requestLoops(base, paths, workers, (n) => n < paths.length * rounds);
  await done;
  return answers;
}

/** `workers` loops asking `paths` in turn while `goOn(requests started)` holds. */
function requestLoops(base, paths, workers, goOn) {
  const answers = [];
  let started = 0;
  const loops = Array.from({ length: workers }, async () => {
    while (goOn(started)) {
      const path = paths[started++ % paths.length];
      const { status, error } = await call(`${base}${path}`);
      answers.push(error === undefined ? { path, status } : { path, status, error });
    }
  });
  return { answers, done: Promise.all(loops) };
}

/** The client chunks (scripts and styles under `/_next/static/`) a Next page's HTML loads. */
export function clientChunks(html) {
  return [...new Set(html.match(/\/_next\/static\/[^"'\s\\)]+\.(?:js|css)/g) ?? [])];
}

/** The client chunks the pages at `pages` load now (as a browser on them, signed in with `cookie`, asks for them). */
export async function pageChunks(base, pages, cookie) {
  const chunks = new Set();
  for (const page of pages)
    for (const chunk of clientChunks((await call(`${base}${page}`, { cookie })).body)) chunks.add(chunk);
  return [...chunks];
}

/** What each path answers now, one request each: a later answer that differs is a failed request. */
export async function expectedAnswers(base, paths) {
  const expected = {};
  for (const path of paths) expected[path] = (await call(`${base}${path}`)).status;
  return expected;
}

/** The answers that differ from what their path answered before (a path never asked before fails). */
export function failedAnswers(answers, expected) {
  return answers.filter((a) => a.status !== expected[a.path]);
}
