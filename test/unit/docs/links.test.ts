// The docs stand alone: every relative link in README.md and docs/*.md resolves inside the repository, anchors exist, and spec sources name lectures, not files.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(fileURLToPath(new URL('../../../', import.meta.url)));

/** README.md and every docs/*.md, as paths relative to the repository root. */
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];

/** Schemes a link may use to leave the repository on purpose. Any other scheme (file:, …) points at someone's disk. */
const EXTERNAL = /^(https?|mailto):/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The lines of a Markdown file that are not inside a fenced code block, with their 1-based line numbers. */
function proseLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | null = null;
  text.split('\n').forEach((raw, i) => {
    const m = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
    if (fence !== null) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && raw.trim() === m[1]) fence = null;
      return;
    }
    if (m) {
      fence = m[1];
      return;
    }
    out.push({ line: i + 1, text: raw });
  });
  return out;
}

/** GitHub's heading anchor: lowercase, punctuation dropped (letters, digits, '_', '-' and spaces kept), each space a '-'. */
function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** Every anchor a Markdown text defines: heading slugs (repeats get -1, -2, … as on GitHub) and HTML id/name attributes. */
function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const add = (base: string) => {
    const n = seen.get(base);
    out.add(n === undefined ? base : `${base}-${n}`);
    seen.set(base, (n ?? 0) + 1);
  };
  const lines = proseLines(text);
  lines.forEach(({ text: l }, i) => {
    const atx = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(l);
    if (atx) add(slug(atx[1]));
    const prev = lines[i - 1];
    if (
      /^\s{0,3}(=+|-+)\s*$/.test(l) &&
      prev &&
      prev.line === lines[i].line - 1 &&
      /^\s{0,3}[^\s#>|*+-]/.test(prev.text)
    )
      add(slug(prev.text));
    for (const m of l.matchAll(/<a\s[^>]*(?:name|id)="([^"]+)"/gi)) out.add(m[1]);
  });
  return out;
}

interface Link {
  file: string;
  line: number;
  target: string;
}

/** The link targets of a Markdown file: inline links and images `[text](target "title")` and reference definitions `[ref]: target`. */
function linksOf(file: string, text: string): Link[] {
  const out: Link[] = [];
  for (const { line, text: raw } of proseLines(text)) {
    // Code spans that themselves look like links are examples, not links; other code spans (link texts) stay.
    const l = raw.replace(/(`+)(.+?)\1(?!`)/g, (span: string, _ticks: string, body: string) =>
      body.includes('](') ? '' : span,
    );
    for (const m of l.matchAll(/\[((?:[^\]\\]|\\.)*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g))
      out.push({ file, line, target: m[2] });
    const def = /^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/.exec(l);
    if (def) out.push({ file, line, target: def[1] });
  }
  return out;
}

/** Why a link target is broken, or null when it resolves inside the repository (and its anchor exists). */
function problemWith(link: Link, root: string = ROOT): string | null {
  const { file, target } = link;
  if (EXTERNAL.test(target)) return null;
  if (SCHEME.test(target)) return `uses the scheme of ${target}, which points outside the repository`;
  if (target === '') return 'has an empty target';
  const hash = target.indexOf('#');
  const path = decodeURI(hash < 0 ? target : target.slice(0, hash));
  const anchor = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
  if (isAbsolute(path) || path.startsWith('/')) return 'is an absolute path; use a path relative to the file';
  const abs = path === '' ? join(root, file) : resolve(root, dirname(file), path);
  const rel = relative(root, abs);
  if (rel === '..' || rel.startsWith('../') || isAbsolute(rel)) return `resolves to ${abs}, outside the repository`;
  if (!existsSync(abs)) return `points at ${rel}, which does not exist in the repository`;
  if (anchor !== null) {
    if (anchor === '') return 'has an empty #anchor';
    if (!abs.endsWith('.md') || !statSync(abs).isFile())
      return `has the anchor #${anchor} on ${rel}, which is not a Markdown file`;
    const anchors = anchorsOf(readFileSync(abs, 'utf8'));
    if (!anchors.has(anchor))
      return `has the anchor #${anchor}, but ${rel} has no heading with that slug (it has: ${[...anchors].join(', ')})`;
  }
  return null;
}

const LINKS = DOCS.flatMap((f) => linksOf(f, readFileSync(join(ROOT, f), 'utf8')));

describe('links in README.md and docs/*.md', () => {
  it('finds the documents and their links', () => {
    expect(DOCS).toContain('README.md');
    expect(DOCS.length).toBeGreaterThan(1);
    expect(LINKS.some((l) => l.file === 'README.md' && l.target === 'docs/batch.md')).toBe(true);
    expect(LINKS.some((l) => l.target.startsWith('#'))).toBe(true);
  });

  it.each(LINKS)('$file:$line → $target', (link) => {
    expect(problemWith(link), `${link.file}:${link.line} links to ${link.target}`).toBeNull();
  });
});

describe('the link checker itself', () => {
  it.each([
    ['Batch grading (`grade batch`, `grade merge`)', 'batch-grading-grade-batch-grade-merge'],
    ['Resume, force, shard, merge', 'resume-force-shard-merge'],
    ['The JSON report (schemaVersion 1.2.0)', 'the-json-report-schemaversion-120'],
    ['`exercises[].parts[]`', 'exercisesparts'],
    ['Dependencies, and why', 'dependencies-and-why'],
    ['A — B', 'a--b'],
    ['TFGRADE_TIMINGS', 'tfgrade_timings'],
  ])('slug(%s) = %s', (heading, want) => {
    expect(slug(heading)).toBe(want);
  });

  it('numbers repeated headings and skips headings inside code fences', () => {
    const a = anchorsOf('# Notes\n## Notes\n```bash\n# not a heading\n```\nSetext\n======\n');
    expect([...a].sort()).toEqual(['notes', 'notes-1', 'setext']);
  });

  it('extracts inline links, titles and reference definitions, but not links inside code', () => {
    const text =
      'See [a](docs/a.md "A") and ![img](x.png), `[not](a link)`.\n```\n[no](code.md)\n```\n[ref]: ../out.md\n';
    expect(linksOf('README.md', text).map((l) => l.target)).toEqual(['docs/a.md', 'x.png', '../out.md']);
  });

  it.each([
    ['../shared/curriculum.md', 'README.md', /outside the repository/],
    ['../../x.md', 'docs/batch.md', /outside the repository/],
    ['/etc/passwd', 'README.md', /absolute path/],
    ['file:///work/x.md', 'README.md', /scheme/],
    ['docs/nope.md', 'README.md', /does not exist/],
    ['#no-such-heading', 'README.md', /no heading/],
    ['batch.md#no-such-heading', 'docs/threat-model.md', /no heading/],
  ])('rejects %s in %s', (target, file, why) => {
    expect(problemWith({ file, line: 1, target })).toMatch(why);
  });

  it.each([
    ['docs/batch.md', 'README.md'],
    ['#backends', 'README.md'],
    ['batch.md#layouts', 'docs/threat-model.md'],
    ['../README.md#quick-start', 'docs/batch.md'],
    ['https://example.org/../x', 'README.md'],
    ['mailto:someone@example.org', 'README.md'],
  ])('accepts %s in %s', (target, file) => {
    expect(problemWith({ file, line: 1, target })).toBeNull();
  });
});

const SPECS = readdirSync(join(ROOT, 'exercises'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => ({
    file: `exercises/${f}`,
    spec: parse(readFileSync(join(ROOT, 'exercises', f), 'utf8')) as { source?: unknown },
  }));

describe('exercise sources name lectures, not files', () => {
  it('finds the specs', () => {
    expect(SPECS.length).toBeGreaterThan(0);
  });

  it.each(SPECS)('$file', ({ file, spec }) => {
    expect(typeof spec.source, `${file}: source must be a string`).toBe('string');
    const source = String(spec.source);
    expect(source.trim(), `${file}: source is empty`).not.toBe('');
    expect(source, `${file}: source is one line`).not.toMatch(/\n/);
    expect(source, `${file}: source points at lecture files or outside the repository`).not.toMatch(
      /seed|shared\/|\.\.\//i,
    );
  });
});
