/**
 * A small JSON parser that remembers the line of every value, so corpus errors can say
 * "intents/shipping.json:42: utterance 3 of shipping.track is not a string" instead of a path.
 */
export type Located =
  | { line: number; kind: 'string'; value: string }
  | { line: number; kind: 'number'; value: number }
  | { line: number; kind: 'boolean'; value: boolean }
  | { line: number; kind: 'null'; value: null }
  | { line: number; kind: 'array'; items: Located[] }
  | { line: number; kind: 'object'; entries: Map<string, Located> };

export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'JsonSyntaxError';
  }
}

export function parseLocatedJson(text: string): Located {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const fail = (reason: string): never => {
    throw new JsonSyntaxError(line, i - lineStart + 1, reason);
  };
  const ws = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === '\n') {
        line += 1;
        lineStart = i + 1;
      } else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\uFEFF') break;
      i += 1;
    }
  };
  const describe = () => (i >= text.length ? 'unexpected end of file' : `unexpected character ${JSON.stringify(text[i])}`);

  const str = (): string => {
    const start = i;
    i += 1;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\n') fail('unterminated string (line break inside a string)');
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail('unterminated string');
    i += 1;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail('invalid escape sequence in string');
    }
  };

  const value = (): Located => {
    ws();
    const at = line;
    const c = text[i];
    if (c === '{') {
      i += 1;
      const entries = new Map<string, Located>();
      ws();
      if (text[i] === '}') {
        i += 1;
        return { line: at, kind: 'object', entries };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`${describe()}, expected a property name in double quotes`);
        const key = str();
        ws();
        if (text[i] !== ':') fail(`${describe()}, expected ":" after property name`);
        i += 1;
        entries.set(key, value());
        ws();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] === '}') {
          i += 1;
          return { line: at, kind: 'object', entries };
        }
        fail(`${describe()}, expected "," or "}"`);
      }
    }
    if (c === '[') {
      i += 1;
      const items: Located[] = [];
      ws();
      if (text[i] === ']') {
        i += 1;
        return { line: at, kind: 'array', items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] === ']') {
          i += 1;
          return { line: at, kind: 'array', items };
        }
        fail(`${describe()}, expected "," or "]"`);
      }
    }
    if (c === '"') return { line: at, kind: 'string', value: str() };
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!literal) return fail(describe());
    i += literal[0].length;
    const raw = literal[0];
    if (raw === 'true' || raw === 'false') return { line: at, kind: 'boolean', value: raw === 'true' };
    if (raw === 'null') return { line: at, kind: 'null', value: null };
    return { line: at, kind: 'number', value: Number(raw) };
  };

  const root = value();
  ws();
  if (i < text.length) fail(`${describe()} after the end of the JSON value`);
  return root;
}
