/** Where a JSON text first breaks the grammar, and what was expected there. */
interface JsonSyntaxError {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like editors count. */
  column: number;
  message: string;
}

class Stop {
  constructor(readonly offset: number, readonly message: string) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z0-9_$.+-]+/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/**
 * Finds the first syntax error of a JSON text, or undefined when it is valid. JSON.parse does not
 * always say where it failed (Node 20: "Unexpected token ..." has no position), hence this scanner.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const shown = (at = i): string => {
    if (at >= text.length) return 'the end of the file';
    WORD.lastIndex = at;
    const word = WORD.exec(text)?.[0];
    return `'${word ?? text[at]}'`;
  };
  const stop = (message: string, at = i): never => {
    throw new Stop(at, message);
  };
  const skipWhitespace = () => {
    while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  };
  const string = () => {
    const start = i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) stop('unterminated string', start);
      else if (c === '"') { i++; return; }
      else if (c === '\\') {
        const e = text[i + 1];
        HEX4.lastIndex = i + 2;
        if (e !== undefined && SIMPLE_ESCAPES.has(e)) i += 2;
        else if (e === 'u' && HEX4.test(text)) i += 6;
        else stop(`bad escape in a string: expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, got ${JSON.stringify(text.slice(i, i + 2))}`);
      } else if (c < ' ') stop(`control character U+${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} in a string; expected it escaped`);
      else i++;
    }
  };
  const value = (): void => {
    skipWhitespace();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) { i += literal.length; return; }
    }
    NUMBER.lastIndex = i;
    const n = NUMBER.exec(text);
    if (n) { i += n[0].length; return; }
    stop(`expected a value, got ${shown()}`);
  };
  const object = () => {
    i++;
    skipWhitespace();
    if (text[i] === '}') { i++; return; }
    for (;;) {
      skipWhitespace();
      if (text[i] !== '"') stop(`expected a double-quoted property name, got ${shown()}`);
      string();
      skipWhitespace();
      if (text[i] !== ':') stop(`expected ':' after a property name, got ${shown()}`);
      i++;
      value();
      skipWhitespace();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '}') { i++; return; }
      stop(`expected ',' or '}' after a property value, got ${shown()}`);
    }
  };
  const array = () => {
    i++;
    skipWhitespace();
    if (text[i] === ']') { i++; return; }
    for (;;) {
      value();
      skipWhitespace();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === ']') { i++; return; }
      stop(`expected ',' or ']' after an array element, got ${shown()}`);
    }
  };
  try {
    value();
    skipWhitespace();
    if (i < text.length) stop(`expected the end of the file after the JSON value, got ${shown()}`);
    return undefined;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return { ...lineAndColumn(text, e.offset), message: e.message };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset; k++) {
    if (text[k] === '\n') { line++; lineStart = k + 1; }
  }
  return { line, column: offset - lineStart + 1 };
}
