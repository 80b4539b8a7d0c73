/**
 * Which operation a GraphQL request runs, read the way a GraphQL server reads the document (GraphQL
 * spec, "Language" and "Executing Requests"): comments, commas and strings are tokens or ignored, not
 * text to match, so neither a `# comment` nor a `fragment` definition before `mutation` hides that an
 * operation is a mutation. A small tokenizer rather than the `graphql` package, which the harness does
 * not depend on. A document it cannot read yields undefined: the caller decides what that means.
 */

/** A GraphQL operation type. */
export type OperationType = 'query' | 'mutation' | 'subscription';

/** One operation definition of a document. */
export interface GraphqlOperation {
  readonly type: OperationType;
  readonly name?: string;
  /**
   * The names of its root fields (not their aliases), through inline fragments and the document's own
   * fragment spreads; undefined when a spread names a fragment the document does not define.
   */
  readonly rootFields: readonly string[] | undefined;
}

type Token = { readonly kind: 'name' | 'punct' | 'value'; readonly text: string };

const PUNCTUATORS = new Set(['!', '$', '&', '(', ')', ':', '=', '@', '[', ']', '{', '|', '}']);
const NAME = /[_A-Za-z][_0-9A-Za-z]*/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The document's tokens, or undefined when it has an unterminated string or a character GraphQL does not allow. */
const tokenize = (source: string): Token[] | undefined => {
  const tokens: Token[] = [];
  let i = 0;
  const matchAt = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    return re.exec(source)?.[0];
  };
  while (i < source.length) {
    const c = source[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',' || c === '\uFEFF') {
      i += 1;
    } else if (c === '#') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i += 1;
    } else if (source.startsWith('"""', i)) {
      let j = i + 3;
      while (j < source.length && !source.startsWith('"""', j)) j += source.startsWith('\\"""', j) ? 4 : 1;
      if (j >= source.length) return undefined;
      tokens.push({ kind: 'value', text: source.slice(i, j + 3) });
      i = j + 3;
    } else if (c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== '"' && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      if (source[j] !== '"') return undefined;
      tokens.push({ kind: 'value', text: source.slice(i, j + 1) });
      i = j + 1;
    } else if (source.startsWith('...', i)) {
      tokens.push({ kind: 'punct', text: '...' });
      i += 3;
    } else if (PUNCTUATORS.has(c)) {
      tokens.push({ kind: 'punct', text: c });
      i += 1;
    } else {
      const name = matchAt(NAME);
      const number = name === undefined ? matchAt(NUMBER) : undefined;
      const text = name ?? number;
      if (text === undefined) return undefined;
      tokens.push({ kind: name !== undefined ? 'name' : 'value', text });
      i += text.length;
    }
  }
  return tokens;
};

/** A selection set's root entries: field names and the fragments it spreads. */
interface Selections {
  readonly fields: string[];
  readonly spreads: string[];
}

class Reader {
  #at = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  get done(): boolean {
    return this.#at >= this.tokens.length;
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.#at + offset];
  }

  next(): Token | undefined {
    const t = this.tokens[this.#at];
    this.#at += 1;
    return t;
  }

  is(text: string): boolean {
    return this.peek()?.text === text && this.peek()?.kind !== 'value';
  }

  /** Skips a balanced `(...)`, `[...]` or `{...}` starting at the current token; false when unbalanced. */
  skipGroup(): boolean {
    const open = this.next()?.text;
    const close = open === '(' ? ')' : open === '[' ? ']' : '}';
    let depth = 1;
    while (depth > 0) {
      const t = this.next();
      if (t === undefined) return false;
      if (t.kind !== 'punct') continue;
      if (t.text === open) depth += 1;
      else if (t.text === close) depth -= 1;
    }
    return true;
  }

  /** Skips directives (`@name(args)`); false when malformed. */
  skipDirectives(): boolean {
    while (this.is('@')) {
      this.next();
      if (this.next()?.kind !== 'name') return false;
      if (this.is('(') && !this.skipGroup()) return false;
    }
    return true;
  }

  /** Reads a selection set at its `{`, keeping only its root entries; undefined when malformed. */
  selections(): Selections | undefined {
    if (!this.is('{')) return undefined;
    this.next();
    const out: Selections = { fields: [], spreads: [] };
    while (!this.is('}')) {
      const t = this.next();
      if (t === undefined) return undefined;
      if (t.text === '...' && t.kind === 'punct') {
        if (this.peek()?.kind === 'name' && !this.is('on')) {
          out.spreads.push(this.next()!.text);
          if (!this.skipDirectives()) return undefined;
          continue;
        }
        if (this.is('on')) {
          this.next();
          if (this.next()?.kind !== 'name') return undefined;
        }
        if (!this.skipDirectives()) return undefined;
        const inner = this.selections();
        if (inner === undefined) return undefined;
        out.fields.push(...inner.fields);
        out.spreads.push(...inner.spreads);
        continue;
      }
      if (t.kind !== 'name') return undefined;
      let field = t.text;
      if (this.is(':')) {
        this.next();
        const real = this.next();
        if (real?.kind !== 'name') return undefined;
        field = real.text;
      }
      out.fields.push(field);
      if (this.is('(') && !this.skipGroup()) return undefined;
      if (!this.skipDirectives()) return undefined;
      if (this.is('{') && !this.skipGroup()) return undefined;
    }
    this.next();
    return out;
  }
}

const OPERATION_TYPES: ReadonlySet<string> = new Set(['query', 'mutation', 'subscription']);

interface Definitions {
  readonly operations: { readonly type: OperationType; readonly name?: string; readonly selections: Selections }[];
  readonly fragments: Map<string, Selections>;
}

const definitions = (tokens: readonly Token[]): Definitions | undefined => {
  const r = new Reader(tokens);
  const out: Definitions = { operations: [], fragments: new Map() };
  while (!r.done) {
    if (r.is('{')) {
      const selections = r.selections();
      if (selections === undefined) return undefined;
      out.operations.push({ type: 'query', selections });
      continue;
    }
    const keyword = r.next();
    if (keyword?.kind !== 'name') return undefined;
    if (keyword.text === 'fragment') {
      const name = r.next();
      if (name?.kind !== 'name' || r.next()?.text !== 'on' || r.next()?.kind !== 'name' || !r.skipDirectives()) return undefined;
      const selections = r.selections();
      if (selections === undefined) return undefined;
      out.fragments.set(name.text, selections);
      continue;
    }
    // Anything else (`type`, `schema`, `extend`...) is not an executable document.
    if (!OPERATION_TYPES.has(keyword.text)) return undefined;
    const name = r.peek()?.kind === 'name' ? r.next()!.text : undefined;
    if (r.is('(') && !r.skipGroup()) return undefined;
    if (!r.skipDirectives()) return undefined;
    const selections = r.selections();
    if (selections === undefined) return undefined;
    out.operations.push({ type: keyword.text as OperationType, ...(name !== undefined ? { name } : {}), selections });
  }
  return out;
};

/** Root fields through fragment spreads, or undefined when a spread names no fragment of the document. */
const rootFields = (selections: Selections, fragments: ReadonlyMap<string, Selections>, seen: ReadonlySet<string> = new Set()): string[] | undefined => {
  const fields = [...selections.fields];
  for (const spread of selections.spreads) {
    const fragment = fragments.get(spread);
    if (fragment === undefined) return undefined;
    if (seen.has(spread)) continue;
    const inner = rootFields(fragment, fragments, new Set([...seen, spread]));
    if (inner === undefined) return undefined;
    fields.push(...inner);
  }
  return fields;
};

/**
 * The operations a GraphQL document defines, in order, or undefined when it cannot be read as an
 * executable document.
 *
 * @example
 * graphqlOperations('# sync\nfragment F on Issue { id }\nmutation M { setLabel { ...F } }')
 * // [{ type: 'mutation', name: 'M', rootFields: ['setLabel'] }]
 */
export const graphqlOperations = (document: string): GraphqlOperation[] | undefined => {
  const tokens = tokenize(document);
  const defs = tokens === undefined ? undefined : definitions(tokens);
  if (defs === undefined || defs.operations.length === 0) return undefined;
  return defs.operations.map((op) => ({
    type: op.type,
    ...(op.name !== undefined ? { name: op.name } : {}),
    rootFields: rootFields(op.selections, defs.fragments),
  }));
};

/**
 * The operation a GraphQL request body (`{ query, operationName? }`) runs: the one `operationName` names,
 * else the only one; undefined when the body cannot be read or does not pick one operation (a server
 * refuses such a request).
 *
 * @example
 * executedOperation(JSON.stringify({ query: '{ me { id } }' }))?.type // 'query'
 */
export const executedOperation = (body: string | undefined): GraphqlOperation | undefined => {
  let parsed: { query?: unknown; operationName?: unknown };
  try {
    parsed = JSON.parse(body ?? '') as typeof parsed;
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || typeof parsed.query !== 'string') return undefined;
  const operations = graphqlOperations(parsed.query);
  if (operations === undefined) return undefined;
  if (typeof parsed.operationName === 'string') return operations.find((op) => op.name === parsed.operationName);
  return operations.length === 1 ? operations[0] : undefined;
};

/**
 * True when `names` (operation or root field names) declares the operation idempotent: its name is
 * listed, or every one of its root fields is.
 *
 * @example
 * isDeclaredIdempotent({ type: 'mutation', name: 'Resync', rootFields: ['resyncIssue'] }, ['resyncIssue']) // true
 */
export const isDeclaredIdempotent = (operation: GraphqlOperation, names: readonly string[]): boolean =>
  (operation.name !== undefined && names.includes(operation.name)) ||
  (operation.rootFields !== undefined && operation.rootFields.length > 0 && operation.rootFields.every((f) => names.includes(f)));
