// Reads the examples out of the Markdown docs, so a test can run or check them.

/** A fenced ```bash block preceded by this comment is meant to run as written, in order. */
const RUNNABLE = /<!-- runnable -->\n```bash\n([\s\S]*?)\n```/g;

export function runnableBlocks(markdown: string): string[] {
  return [...markdown.matchAll(RUNNABLE)].map((match) => match[1]!);
}

export interface DocumentedRoute {
  /** Null when the docs name the path without a method. */
  method: string | null;
  path: string;
}

const BASE_URL = String.raw`(?:\$API|\$\{API\}|https?://(?:127\.0\.0\.1|localhost)(?::\d+)?)`;
const PATH = String.raw`(/v1/[^\s"'\\)\]\x60,]*)`;

/**
 * Every `/v1/...` path the docs mention: in curl commands (method from -X, or POST
 * when there is a body), after an HTTP method in prose, or on its own.
 */
export function documentedRoutes(markdown: string): DocumentedRoute[] {
  const text = markdown.replace(/\\\n/g, ' ');
  const routes: DocumentedRoute[] = [];
  const seen = new Set<string>();
  const add = (method: string | null, raw: string) => {
    const path = withoutQuery(raw);
    if (!seen.has(`${method} ${path}`)) routes.push({ method, path });
    seen.add(`${method} ${path}`);
  };
  for (const line of text.split('\n')) {
    if (!/\bcurl\s/.test(line)) continue;
    const method = /\s-X\s+([A-Z]+)/.exec(line)?.[1] ?? (/\s(?:-d|--data\S*|-F)\s/.test(line) ? 'POST' : 'GET');
    for (const match of line.matchAll(new RegExp(BASE_URL + PATH, 'g'))) add(method, match[1]!);
  }
  for (const match of text.matchAll(new RegExp(String.raw`\b(GET|POST|PUT|PATCH|DELETE)\s+\x60?` + PATH, 'g'))) {
    add(match[1]!, match[2]!);
  }
  // Bare mentions (`Location: /v1/jobs/<id>`, "links"): only that some method answers there.
  const withoutBase = text.replace(new RegExp(BASE_URL, 'g'), ' ');
  for (const match of withoutBase.matchAll(new RegExp(String.raw`(?<![\w/.-])` + PATH, 'g'))) {
    if (![...seen].some((key) => key.endsWith(` ${withoutQuery(match[1]!)}`))) add(null, match[1]!);
  }
  return routes.filter((route) => !route.path.includes('*'));
}

/** The path alone: no query, no sentence punctuation after it (an ellipsis stays: it is a placeholder). */
function withoutQuery(raw: string): string {
  return raw.replace(/\?.*$/, '').replace(/(?<!\.\.)[.:;]$/, '');
}

/** The path with every placeholder segment (`:id`, `$JOB`, `<job id>`, `...`) replaced by `id`. */
export function concretePath(path: string, id: string): string {
  return path
    .split('/')
    .map((segment) => (/^[:$<{]|\.\.\.|…/.test(segment) ? id : segment))
    .join('/');
}
