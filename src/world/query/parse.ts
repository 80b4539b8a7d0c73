/**
 * A recursive-descent parser for the JQL grammar (CQL shares it): `field op value` clauses, AND, OR,
 * NOT, parentheses, lists `(a, b)`, functions `currentUser()`, EMPTY/NULL, quoted strings, and a
 * trailing ORDER BY. Keywords are case-insensitive; precedence is NOT over AND over OR, as in Jira.
 */
import { QuerySyntaxError, type Operator, type ParsedQuery, type QueryNode, type QueryValue, type SortKey } from './ast.js';

type Token = { readonly kind: 'word' | 'string' | 'op' | 'punct'; readonly text: string };

const OPERATOR_CHARS = /^(!=|!~|>=|<=|=|~|>|<)/;

const tokenize = (query: string): Token[] => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const rest = query.slice(i);
    const space = /^\s+/.exec(rest);
    if (space !== null) {
      i += space[0].length;
      continue;
    }
    const ch = query[i]!;
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: 'punct', text: ch });
      i += 1;
      continue;
    }
    const op = OPERATOR_CHARS.exec(rest);
    if (op !== null) {
      tokens.push({ kind: 'op', text: op[0] });
      i += op[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let text = '';
      let j = i + 1;
      while (j < query.length && query[j] !== ch) {
        if (query[j] === '\\' && j + 1 < query.length) j += 1;
        text += query[j];
        j += 1;
      }
      if (j >= query.length) throw new QuerySyntaxError(`The quoted string starting at character ${i + 1} is not closed.`);
      tokens.push({ kind: 'string', text });
      i = j + 1;
      continue;
    }
    const word = /^[^\s(),=!~<>"']+/.exec(rest);
    if (word === null)
      throw new QuerySyntaxError(
        `The character '${ch}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}' instead.`,
      );
    tokens.push({ kind: 'word', text: word[0] });
    i += word[0].length;
  }
  return tokens;
};

class Parser {
  #at = 0;
  constructor(readonly tokens: readonly Token[]) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.#at + offset];
  }
  next(): Token | undefined {
    const token = this.tokens[this.#at];
    this.#at += 1;
    return token;
  }
  keyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token?.kind === 'word' && token.text.toLowerCase() === word;
  }
  describe(token: Token | undefined): string {
    return token === undefined ? 'the end of the query' : `'${token.text}'`;
  }
  expectPunct(text: string): void {
    const token = this.next();
    if (token?.kind !== 'punct' || token.text !== text) throw new QuerySyntaxError(`Expecting '${text}' but got ${this.describe(token)}.`);
  }

  query(): ParsedQuery {
    const where = this.peek() === undefined || this.keyword('order') ? undefined : this.or();
    const orderBy = this.keyword('order') ? this.orderBy() : [];
    if (this.peek() !== undefined) throw new QuerySyntaxError(`Expecting either 'OR' or 'AND' but got ${this.describe(this.peek())}.`);
    return where === undefined ? { orderBy } : { where, orderBy };
  }

  or(): QueryNode {
    let left = this.and();
    while (this.keyword('or')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  and(): QueryNode {
    let left = this.not();
    while (this.keyword('and')) {
      this.next();
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  not(): QueryNode {
    if (this.keyword('not')) {
      this.next();
      return { kind: 'not', node: this.not() };
    }
    const token = this.peek();
    if (token?.kind === 'punct' && token.text === '(') {
      this.next();
      const inner = this.or();
      this.expectPunct(')');
      return inner;
    }
    return this.clause();
  }

  field(): string {
    const token = this.next();
    if (token === undefined || (token.kind !== 'word' && token.kind !== 'string'))
      throw new QuerySyntaxError(`Expecting a field name but got ${this.describe(token)}.`);
    return token.text;
  }

  operator(): Operator {
    const token = this.next();
    if (token?.kind === 'op') return token.text as Operator;
    const word = token?.kind === 'word' ? token.text.toLowerCase() : undefined;
    if (word === 'in') return 'in';
    if ((word === 'not' || word === 'is') && this.keyword(word === 'not' ? 'in' : 'not')) {
      this.next();
      return word === 'not' ? 'not in' : 'is not';
    }
    if (word === 'is') return 'is';
    if (word === 'was' || word === 'changed')
      throw new QuerySyntaxError(`The operator '${word.toUpperCase()}' is not supported by forge-retry-harness's simulated search.`);
    throw new QuerySyntaxError(`Expecting operator but got ${this.describe(token)}.`);
  }

  value(): QueryValue {
    const token = this.next();
    if (token === undefined) throw new QuerySyntaxError('Expecting either a value, list or function but got the end of the query.');
    if (token.kind === 'punct' && token.text === '(') {
      const items: QueryValue[] = [this.value()];
      while (this.peek()?.text === ',') {
        this.next();
        items.push(this.value());
      }
      this.expectPunct(')');
      return { kind: 'list', items };
    }
    if (token.kind === 'string') return { kind: 'text', text: token.text };
    if (token.kind !== 'word') throw new QuerySyntaxError(`Expecting either a value, list or function but got ${this.describe(token)}.`);
    const lower = token.text.toLowerCase();
    if (lower === 'empty' || lower === 'null') return { kind: 'empty' };
    if (this.peek()?.text === '(') {
      this.next();
      const args: string[] = [];
      while (this.peek() !== undefined && this.peek()?.text !== ')') {
        const arg = this.next()!;
        if (arg.text !== ',') args.push(arg.text);
      }
      this.expectPunct(')');
      return { kind: 'function', name: lower, args };
    }
    return { kind: 'text', text: token.text };
  }

  clause(): QueryNode {
    const field = this.field();
    const operator = this.operator();
    return { kind: 'clause', field, operator, value: this.value() };
  }

  orderBy(): SortKey[] {
    this.next();
    if (!this.keyword('by')) throw new QuerySyntaxError(`Expecting 'by' but got ${this.describe(this.peek())}.`);
    this.next();
    const keys: SortKey[] = [];
    do {
      if (keys.length > 0) this.next();
      const field = this.field();
      const direction = this.keyword('asc') || this.keyword('desc') ? (this.next()!.text.toLowerCase() as 'asc' | 'desc') : 'asc';
      keys.push({ field, direction });
    } while (this.peek()?.text === ',');
    return keys;
  }
}

/**
 * Parses a query; throws QuerySyntaxError with a Jira-like message when it cannot.
 *
 * @example
 * parseQuery('project = SUP AND labels in (a, b) ORDER BY created DESC').orderBy // [{ field: 'created', direction: 'desc' }]
 */
export const parseQuery = (query: string): ParsedQuery => new Parser(tokenize(query)).query();
