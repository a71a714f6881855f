// A small strict XML 1.0 well-formedness checker (no dependency): throws on the first error, returns the element tree.
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Decoded character data directly inside this element. */
  text: string;
}

const LEGAL = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function legalCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Decodes character and entity references; a bare '&', an unknown entity or a reference to an illegal char is an error. */
function decode(s: string, where: string): string {
  return s.replace(/&([^;&\s]*);?/g, (all, ref: string) => {
    if (!all.endsWith(';')) throw new Error(`bare '&' in ${where}`);
    if (ref in ENTITIES) return ENTITIES[ref];
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
    if (!m) throw new Error(`unknown entity &${ref}; in ${where}`);
    const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
    if (!legalCodePoint(cp)) throw new Error(`reference to illegal character ${cp} in ${where}`);
    return String.fromCodePoint(cp);
  });
}

export function parseXml(xml: string): XmlElement {
  if (!LEGAL.test(xml)) {
    const bad = [...xml].find((ch) => !legalCodePoint(ch.codePointAt(0)!));
    throw new Error(`illegal XML 1.0 character U+${bad?.codePointAt(0)?.toString(16).padStart(4, '0')}`);
  }
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (msg: string): never => {
    throw new Error(`${msg} at offset ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (
      end < 0 ||
      !/^<\?xml\s+version="1\.[0-9]"(\s+encoding="[A-Za-z][A-Za-z0-9._-]*")?(\s+standalone="(yes|no)")?\s*\?>$/.test(
        xml.slice(0, end + 2),
      )
    )
      fail('bad XML declaration');
    i = end + 2;
  }
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text) {
      if (text.includes(']]>')) fail("']]>' in character data");
      if (!stack.length) {
        if (text.trim()) fail('text outside the root element');
      } else stack[stack.length - 1].text += decode(text, `<${stack[stack.length - 1].name}>`);
    }
    if (lt < 0) break;
    i = lt;
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0 || xml.slice(i + 4, end).includes('--')) fail('bad comment');
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', i)) {
      if (!stack.length) fail('CDATA outside the root element');
      const end = xml.indexOf(']]>', i);
      if (end < 0) fail('unterminated CDATA');
      stack[stack.length - 1].text += xml.slice(i + 9, end);
      i = end + 3;
    } else if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i);
      if (end < 0 || /^<\?xml[\s?]/i.test(xml.slice(i))) fail('bad processing instruction');
      i = end + 2;
    } else if (xml.startsWith('<!', i)) {
      fail('DOCTYPE and declarations are not expected');
    } else if (xml.startsWith('</', i)) {
      const m = NAME.exec(xml.slice(i + 2));
      if (!m) fail('bad end tag');
      const close = /^\s*>/.exec(xml.slice(i + 2 + m![0].length));
      if (!close) fail('bad end tag');
      const open = stack.pop();
      if (!open || open.name !== m![0]) fail(`end tag </${m![0]}> does not match <${open?.name ?? ''}>`);
      i += 2 + m![0].length + close![0].length;
    } else {
      const m = NAME.exec(xml.slice(i + 1));
      if (!m) fail('bad start tag');
      const el: XmlElement = { name: m![0], attrs: {}, children: [], text: '' };
      i += 1 + m![0].length;
      for (;;) {
        const ws = /^\s*/.exec(xml.slice(i))![0];
        i += ws.length;
        if (xml.startsWith('/>', i) || xml.startsWith('>', i)) break;
        if (!ws) fail('attributes need whitespace between them');
        const a = /^([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(xml.slice(i));
        if (!a) fail('bad attribute');
        if (a![1] in el.attrs) fail(`duplicate attribute ${a![1]}`);
        el.attrs[a![1]] = decode(a![3] ?? a![4], `attribute ${a![1]}`);
        i += a![0].length;
      }
      if (stack.length) stack[stack.length - 1].children.push(el);
      else if (root) fail('a second root element');
      else root = el;
      if (xml.startsWith('/>', i)) i += 2;
      else {
        stack.push(el);
        i += 1;
      }
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element named `name` at any depth. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => findAll(c, name))];
}
