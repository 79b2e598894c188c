/** A node of OGC Well-Known Text for coordinate reference systems (WKT1, ESRI WKT or WKT2). */
export interface WktNode {
  keyword: string;
  args: (string | number | WktNode)[];
}

/** Parses CRS WKT into a tree; throws an Error with a short English reason when the text is not WKT. */
export function parseWkt(text: string): WktNode {
  const tokens = tokenize(text);
  let pos = 0;
  const next = () => tokens[pos++];
  const peek = () => tokens[pos];

  function parseNode(): WktNode {
    const keyword = next();
    if (!keyword || keyword.kind !== 'word') throw new Error('keyword expected');
    const open = next();
    if (!open || open.kind !== 'open') throw new Error(`"[" expected after ${keyword.value}`);
    const args: WktNode['args'] = [];
    for (;;) {
      const t = peek();
      if (!t) throw new Error('unexpected end');
      if (t.kind === 'close') {
        pos++;
        break;
      }
      if (t.kind === 'comma') {
        pos++;
        continue;
      }
      if (t.kind === 'string') {
        pos++;
        args.push(t.value);
      } else if (t.kind === 'number') {
        pos++;
        args.push(Number(t.value));
      } else if (t.kind === 'word') {
        const after = tokens[pos + 1];
        if (after?.kind === 'open') args.push(parseNode());
        else {
          pos++;
          args.push(t.value);
        }
      } else throw new Error('unexpected "["');
    }
    return { keyword: keyword.value.toUpperCase(), args };
  }

  const root = parseNode();
  if (pos !== tokens.length) throw new Error('text after the end of the WKT');
  return root;
}

type Token = { kind: 'word' | 'string' | 'number' | 'open' | 'close' | 'comma'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const single = c === '[' || c === '(' ? 'open' : c === ']' || c === ')' ? 'close' : c === ',' ? 'comma' : null;
    if (/\s/.test(c)) i++;
    else if (single) {
      tokens.push({ kind: single, value: c });
      i++;
    } else if (c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated string');
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else value += text[i++];
      }
      tokens.push({ kind: 'string', value });
    } else {
      const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i, i + 40));
      if (m) {
        tokens.push({ kind: 'number', value: m[0] });
        i += m[0].length;
        continue;
      }
      const w = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i, i + 200));
      if (!w) throw new Error(`unexpected character "${c}"`);
      tokens.push({ kind: 'word', value: w[0] });
      i += w[0].length;
    }
  }
  return tokens;
}

/** Child nodes of `node` with one of the keywords (case-insensitive). */
export function children(node: WktNode, ...keywords: string[]): WktNode[] {
  const wanted = keywords.map((k) => k.toUpperCase());
  return node.args.filter((a): a is WktNode => typeof a === 'object' && wanted.includes(a.keyword));
}

/** First child node with one of the keywords, searched depth-first when `deep` is set. */
export function child(node: WktNode, keywords: string[], deep = false): WktNode | undefined {
  const direct = children(node, ...keywords)[0];
  if (direct || !deep) return direct;
  for (const a of node.args) {
    if (typeof a === 'object') {
      const found = child(a, keywords, true);
      if (found) return found;
    }
  }
  return undefined;
}

/** The node's name (its first string argument), or '' when it has none. */
export function nameOf(node: WktNode | undefined): string {
  const first = node?.args[0];
  return typeof first === 'string' ? first : '';
}
