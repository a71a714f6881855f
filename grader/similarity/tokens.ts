// A forgiving TypeScript/JavaScript tokenizer for the similarity detector: normalized token classes with their lines.

/** One normalized token: `kind` is what fingerprints hash; `line` (1-based) and `offset` point back into the source. */
export interface Token {
  kind: string;
  line: number;
  offset: number;
}

/** Every identifier, whatever its name: renaming a variable must not change the stream. */
export const IDENT = 'I';
/** Every number literal. */
export const NUMBER = 'N';
/** Every string literal, template text chunk and regex literal: changing a message or a label changes nothing. */
export const STRING = 'S';
/** let, const and var: turning a const into a let is the cheapest disguise there is and says nothing about authorship. */
const DECL = 'const';

const KEYWORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface private protected public as async await of type readonly declare abstract keyof infer is ' +
    'namespace never unknown any number string boolean symbol bigint undefined object satisfies'
  ).split(' '),
);

/** After these a `/` starts a regex; after anything else (a value) it divides. */
const BEFORE_REGEX = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'instanceof',
  'yield',
  'await',
]);

/** Multi-character punctuators by their first character, longest first; any other character is a token of its own. */
const PUNCTUATORS = new Map<string, string[]>();
for (const p of [
  '>>>=',
  '...',
  '===',
  '!==',
  '**=',
  '<<=',
  '>>=',
  '>>>',
  '&&=',
  '||=',
  '??=',
  '=>',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '?.',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '**',
  '<<',
  '>>',
]) {
  PUNCTUATORS.set(p[0], [...(PUNCTUATORS.get(p[0]) ?? []), p]);
}
const CLOSING = new Set([')', ']', '}']);

// Character tests by comparison, ASCII first: a batch tokenizes a class of files, and the Unicode property classes
// are the slow path, for the rare non-ASCII name.
const ID_START = /[\p{ID_Start}]/u;
const ID_PART = /[\p{ID_Continue}\u200c\u200d]/u;
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isWord = (c: string): boolean =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '$';
const isIdStart = (c: string): boolean => (isWord(c) && !isDigit(c)) || (c > '\x7f' && ID_START.test(c));
const isIdPart = (c: string): boolean => isWord(c) || (c > '\x7f' && ID_PART.test(c));

/**
 * The normalized tokens of `source`. Comments and white space go; so do `;` and a `,` before a closing bracket, which
 * a formatter adds or removes at will. Property names after `.` or `?.` are KEPT as themselves: a copier who renames
 * variables still calls tf.matMul, .reshape and .dataSync, while independent students pick different APIs, so the
 * names raise precision at almost no cost in recall. Never throws: malformed input gives some stream, not an error.
 */
export function tokenize(source: string): Token[] {
  const out: Token[] = [];
  const src = source;
  const n = src.length;
  let i = 0;
  let line = 1;
  // One entry per open `{` or `${`: a `}` closing a `${` resumes the template text.
  const braces: ('{' | '${')[] = [];
  const push = (kind: string, offset: number): void => {
    out.push({ kind, line, offset });
  };
  const skipTo = (end: number): void => {
    for (; i < end; i++) if (src[i] === '\n') line++;
  };
  const prevKind = (): string | undefined => out[out.length - 1]?.kind;

  /** Template text from i (just after ` or the } of a substitution) to the closing ` or the next `${`. */
  const templateText = (): void => {
    const start = i;
    let j = i;
    while (j < n && src[j] !== '`' && !(src[j] === '$' && src[j + 1] === '{')) j += src[j] === '\\' ? 2 : 1;
    push(STRING, start);
    if (j >= n || src[j] === '`') {
      skipTo(j >= n ? n : j + 1);
      return;
    }
    skipTo(j + 2);
    braces.push('${');
  };

  while (i < n) {
    const c = src[i];
    const next = src[i + 1] ?? '';
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c <= ' ' || c === '\u00a0' || c === '\ufeff' || c === '\u2028' || c === '\u2029') {
      i++;
      continue;
    }
    if (c === '/' && next === '/') {
      const e = src.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (c === '/' && next === '*') {
      const e = src.indexOf('*/', i + 2);
      skipTo(e < 0 ? n : e + 2);
      continue;
    }
    const start = i;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      push(STRING, start);
      skipTo(Math.min(n, src[j] === c ? j + 1 : j));
      continue;
    }
    if (c === '`') {
      i++;
      templateText();
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(next))) {
      let j = i + 1;
      const hex = c === '0' && next !== '' && 'xXbBoO'.includes(next);
      while (
        j < n &&
        (isWord(src[j]) ||
          src[j] === '.' ||
          ((src[j] === '+' || src[j] === '-') && !hex && (src[j - 1] === 'e' || src[j - 1] === 'E')))
      )
        j++;
      push(NUMBER, start);
      i = j;
      continue;
    }
    if (isIdStart(c) || c === '\\') {
      let j = i + 1;
      while (j < n && (isIdPart(src[j]) || src[j] === '\\')) j++;
      const word = src.slice(i, j);
      const prev = prevKind();
      if (prev === '.' || prev === '?.') push(word, start);
      else if (word === 'let' || word === 'var' || word === 'const') push(DECL, start);
      else push(KEYWORDS.has(word) ? word : IDENT, start);
      i = j;
      continue;
    }
    if (c === '/') {
      const prev = prevKind();
      const value =
        prev !== undefined &&
        (prev === IDENT ||
          prev === NUMBER ||
          prev === STRING ||
          prev === ')' ||
          prev === ']' ||
          prev === '}' ||
          (!BEFORE_REGEX.has(prev) && isWord(prev[0])));
      if (!value) {
        let j = i + 1;
        let inClass = false;
        while (j < n && src[j] !== '\n' && (inClass || src[j] !== '/')) {
          if (src[j] === '\\') j++;
          else if (src[j] === '[') inClass = true;
          else if (src[j] === ']') inClass = false;
          j++;
        }
        if (j < n && src[j] === '/') {
          j++;
          while (j < n && isWord(src[j])) j++;
          push(STRING, start);
          i = j;
          continue;
        }
        // No closing slash on the line: not a regex after all; take the `/` as a punctuator.
      }
    }
    if (c === '{') braces.push('{');
    if (c === '}' && braces.pop() === '${') {
      i++;
      templateText();
      continue;
    }
    let p = c;
    for (const q of PUNCTUATORS.get(c) ?? []) {
      if (src.startsWith(q, i) && !(q === '?.' && isDigit(src[i + 2] ?? ''))) {
        p = q;
        break;
      }
    }
    i += p.length;
    if (p === ';') continue;
    push(p, start);
  }
  return dropTrailingCommas(out);
}

/** `[a, b,]` and `[a, b]` are the same code; so are `f(a,)` and `f(a)`. */
function dropTrailingCommas(tokens: Token[]): Token[] {
  return tokens.filter((t, j) => t.kind !== ',' || !CLOSING.has(tokens[j + 1]?.kind ?? ''));
}
