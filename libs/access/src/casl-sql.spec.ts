import { AbilityBuilder, createMongoAbility, subject, type MongoAbility } from '@casl/ability';
import { rulesToAST } from '@casl/ability/extra';
import { abilityToSqlWhere, type SqlFieldMap } from './casl-sql';

type Builder = AbilityBuilder<MongoAbility>;
const build = (define: (b: Builder) => void): MongoAbility => {
  const b = new AbilityBuilder<MongoAbility>(createMongoAbility);
  define(b);
  return b.build();
};

const member = (b: Builder) => {
  b.can('read', 'Dossier', { tenantId: 't1', involvedPartnerIds: 'p1', state: { $nin: ['AANGEMELD', 'SCREENING'] } });
  b.can('read', 'Dossier', { tenantId: 't1', involvedPartnerIds: 'p1', referringPartnerId: 'p1' });
};
const casemanager = (b: Builder) => b.can('manage', 'Dossier', { tenantId: 't1' });
const evaluator = (_b: Builder) => undefined;
const caseworkerWithCannot = (b: Builder) => {
  b.can('read', 'Dossier', { tenantId: 't1' });
  b.cannot('read', 'Dossier', { state: 'GESLOTEN' });
};

const fields: SqlFieldMap = {
  tenantId: 'd.tenant_id',
  state: 'd.state',
  referringPartnerId: 'd.referring_partner_id',
  priority: 'd.priority',
  involvedPartnerIds: (op, p) => {
    if (op === 'eq') return `:${p} = ANY(d.involved_partner_ids)`;
    if (op === 'ne') return `d.involved_partner_ids IS NULL OR NOT (:${p} = ANY(d.involved_partner_ids))`;
    throw new Error(`involvedPartnerIds: unsupported operator ${op}`);
  },
};

describe('rulesToAST (CASL 7) shapes this translator relies on', () => {
  it('returns null when there is no rule at all', () => {
    expect(rulesToAST(build(evaluator), 'read', 'Dossier')).toBeNull();
  });

  it('returns an empty "and" compound for a rule without conditions', () => {
    const ast = rulesToAST(build((b) => b.can('read', 'Dossier')), 'read', 'Dossier');
    expect(JSON.parse(JSON.stringify(ast))).toEqual({ operator: 'and', value: [] });
  });

  it('returns null when there are only cannot rules', () => {
    expect(rulesToAST(build((b) => b.cannot('read', 'Dossier', { state: 'GESLOTEN' })), 'read', 'Dossier')).toBeNull();
  });

  it('turns an inverted rule into a "not" compound bounding the can rule', () => {
    const ast = rulesToAST(build(caseworkerWithCannot), 'read', 'Dossier');
    expect(JSON.parse(JSON.stringify(ast))).toEqual({
      operator: 'and',
      value: [
        { operator: 'eq', field: 'tenantId', value: 't1' },
        { operator: 'not', value: [{ operator: 'eq', field: 'state', value: 'GESLOTEN' }] },
      ],
    });
  });

  it('gives a bare "not" for an unconditional can with a conditional cannot', () => {
    const ast = rulesToAST(
      build((b) => {
        b.can('read', 'Dossier');
        b.cannot('read', 'Dossier', { state: 'GESLOTEN' });
      }),
      'read',
      'Dossier',
    );
    expect(JSON.parse(JSON.stringify(ast))).toEqual({
      operator: 'not',
      value: [{ operator: 'eq', field: 'state', value: 'GESLOTEN' }],
    });
  });
});

describe('abilityToSqlWhere', () => {
  it('evaluator without rules → FALSE', () => {
    expect(abilityToSqlWhere(build(evaluator), 'read', 'Dossier', fields)).toEqual({ sql: 'FALSE', params: {} });
  });

  it('only cannot rules → FALSE', () => {
    const ability = build((b) => b.cannot('read', 'Dossier', { state: 'GESLOTEN' }));
    expect(abilityToSqlWhere(ability, 'read', 'Dossier', fields)).toEqual({ sql: 'FALSE', params: {} });
  });

  it('unconditional can → TRUE', () => {
    const ability = build((b) => b.can('read', 'Dossier'));
    expect(abilityToSqlWhere(ability, 'read', 'Dossier', fields)).toEqual({ sql: 'TRUE', params: {} });
  });

  it('casemanager: manage covers every action', () => {
    for (const action of ['read', 'update', 'manage']) {
      expect(abilityToSqlWhere(build(casemanager), action, 'Dossier', fields)).toEqual({
        sql: 'd.tenant_id = :casl_p0',
        params: { casl_p0: 't1' },
      });
    }
    expect(abilityToSqlWhere(build(casemanager), 'read', 'Partner', fields).sql).toBe('FALSE');
  });

  it('member: OR of both rules, array field via the mapping function, nin expanded', () => {
    const where = abilityToSqlWhere(build(member), 'read', 'Dossier', fields);
    expect(where.sql).toBe(
      '((d.tenant_id = :casl_p0 AND (:casl_p1 = ANY(d.involved_partner_ids)) AND d.referring_partner_id = :casl_p2)' +
        ' OR ' +
        '(d.tenant_id = :casl_p3 AND (:casl_p4 = ANY(d.involved_partner_ids)) AND (d.state IS NULL OR d.state NOT IN (:...casl_p5))))',
    );
    expect(where.params).toEqual({
      casl_p0: 't1',
      casl_p1: 'p1',
      casl_p2: 'p1',
      casl_p3: 't1',
      casl_p4: 'p1',
      casl_p5: ['AANGEMELD', 'SCREENING'],
    });
    expect(where.sql).not.toMatch(/'|\bt1\b|\bp1\b|AANGEMELD|SCREENING/);
  });

  it('cannot rule becomes NOT, null-safe through COALESCE', () => {
    expect(abilityToSqlWhere(build(caseworkerWithCannot), 'read', 'Dossier', fields)).toEqual({
      sql: '(d.tenant_id = :casl_p0 AND NOT COALESCE(d.state = :casl_p1, FALSE))',
      params: { casl_p0: 't1', casl_p1: 'GESLOTEN' },
    });
  });

  it('NOT over a predicate that is never NULL needs no COALESCE', () => {
    const ability = build((b) => {
      b.can('read', 'Dossier');
      b.cannot('read', 'Dossier', { state: { $ne: 'LOPEND' } });
    });
    expect(abilityToSqlWhere(ability, 'read', 'Dossier', fields).sql).toBe('NOT (d.state IS DISTINCT FROM :casl_p0)');
  });

  it('uses the given parameter prefix', () => {
    expect(abilityToSqlWhere(build(casemanager), 'read', 'Dossier', fields, 'acl')).toEqual({
      sql: 'd.tenant_id = :acl_p0',
      params: { acl_p0: 't1' },
    });
    expect(() => abilityToSqlWhere(build(casemanager), 'read', 'Dossier', fields, 'x y')).toThrow(/prefix/);
  });

  it('in/nin with an empty array → FALSE/TRUE; null inside in/nin; eq/ne null', () => {
    const sqlFor = (conditions: Record<string, unknown>) =>
      abilityToSqlWhere(build((b) => b.can('read', 'Dossier', conditions)), 'read', 'Dossier', fields);
    expect(sqlFor({ state: { $in: [] } })).toEqual({ sql: 'FALSE', params: {} });
    expect(sqlFor({ state: { $nin: [] } })).toEqual({ sql: 'TRUE', params: {} });
    expect(sqlFor({ state: { $in: ['A', 'B'] } })).toEqual({ sql: 'd.state IN (:...casl_p0)', params: { casl_p0: ['A', 'B'] } });
    expect(sqlFor({ state: { $in: ['A', null] } })).toEqual({
      sql: '(d.state IS NULL OR d.state IN (:...casl_p0))',
      params: { casl_p0: ['A'] },
    });
    expect(sqlFor({ state: { $nin: ['A', null] } })).toEqual({
      sql: '(d.state IS NOT NULL AND d.state NOT IN (:...casl_p0))',
      params: { casl_p0: ['A'] },
    });
    expect(sqlFor({ state: null }).sql).toBe('d.state IS NULL');
    expect(sqlFor({ state: { $ne: null } }).sql).toBe('d.state IS NOT NULL');
  });

  it('ordering operators', () => {
    const where = abilityToSqlWhere(
      build((b) => b.can('read', 'Dossier', { priority: { $gte: 1, $lt: 5 } })),
      'read',
      'Dossier',
      fields,
    );
    // CASL's comparator treats a null field as less than 5, so NULL matches `$lt: 5` (mirrored).
    expect(where).toEqual({
      sql: '(d.priority >= :casl_p0 AND (d.priority IS NULL OR d.priority < :casl_p1))',
      params: { casl_p0: 1, casl_p1: 5 },
    });
  });

  it('passes operator and parameter name to a mapping function', () => {
    const calls: Array<[string, string]> = [];
    const where = abilityToSqlWhere(
      build((b) => b.can('read', 'Dossier', { tags: { $in: ['x', 'y'] } })),
      'read',
      'Dossier',
      {
        tags: (op, p) => {
          calls.push([op, p]);
          return `d.tags && ARRAY[:...${p}]::text[]`;
        },
      },
      'q',
    );
    expect(calls).toEqual([['in', 'q_p0']]);
    expect(where).toEqual({ sql: '(d.tags && ARRAY[:...q_p0]::text[])', params: { q_p0: ['x', 'y'] } });
  });

  it('throws for a field without mapping (never silently allows)', () => {
    const ability = build((b) => b.can('read', 'Dossier', { tenantId: 't1', secret: 'x' }));
    expect(() => abilityToSqlWhere(ability, 'read', 'Dossier', fields)).toThrow(/"secret" has no SQL mapping/);
    // Only own keys of the map count, never inherited ones.
    const inherited = Object.create({ secret: 'd.secret' }) as SqlFieldMap;
    inherited.tenantId = 'd.tenant_id';
    expect(() => abilityToSqlWhere(ability, 'read', 'Dossier', inherited)).toThrow(/"secret" has no SQL mapping/);
    // createMongoAbility does not parse $or: it arrives as a field named "$or" and must fail loudly.
    const or = build((b) => b.can('read', 'Dossier', { $or: [{ tenantId: 't1' }] } as never));
    expect(() => abilityToSqlWhere(or, 'read', 'Dossier', fields)).toThrow(/"\$or" has no SQL mapping/);
  });

  it('throws for unsupported operators and values', () => {
    const throwsFor = (conditions: Record<string, unknown>, message: RegExp) =>
      expect(() =>
        abilityToSqlWhere(build((b) => b.can('read', 'Dossier', conditions)), 'read', 'Dossier', fields),
      ).toThrow(message);
    throwsFor({ state: { $regex: '^A' } }, /unsupported CASL operator "regex"/);
    throwsFor({ state: { $exists: true } }, /unsupported CASL operator "exists"/);
    throwsFor({ involvedPartnerIds: { $all: ['p1'] } }, /unsupported CASL operator "all"/);
    throwsFor({ involvedPartnerIds: { $size: 1 } }, /unsupported CASL operator "size"/);
    throwsFor({ involvedPartnerIds: { $in: ['p1'] } }, /involvedPartnerIds: unsupported operator in/);
    throwsFor({ state: /^A/ }, /unsupported value/);
    throwsFor({ state: { nested: 1 } }, /unsupported value/);
    throwsFor({ state: ['A'] }, /unsupported value/);
  });
});

// ---------------------------------------------------------------------------------------------
// Semantics: for sample records, CASL's own answer must agree with (1) a plain evaluation of the
// rulesToAST tree and (2) a three-valued (SQL NULL) evaluation of the SQL text we produced.
// ---------------------------------------------------------------------------------------------

type Rec = Record<string, unknown>;
type Tri = boolean | null;

interface TestNode {
  operator: string;
  value: unknown;
  field?: string;
}

/** ucast's default comparator, which CASL uses. */
const jsCompare = (a: unknown, b: unknown) => (a === b ? 0 : (a as number) > (b as number) ? 1 : -1);

/** Small evaluator of the AST with CASL's (JS) semantics for the operators we translate. */
function evalAst(node: TestNode, rec: Rec): boolean {
  const values = node.value as TestNode[];
  switch (node.operator) {
    case 'and':
      return values.every((n) => evalAst(n, rec));
    case 'or':
      return values.some((n) => evalAst(n, rec));
    case 'not':
      return !evalAst(values[0], rec);
  }
  const actual = rec[node.field!];
  const eq = (v: unknown) => (Array.isArray(actual) ? actual.includes(v) : actual === v);
  switch (node.operator) {
    case 'eq':
      return node.value === null ? actual == null : eq(node.value);
    case 'ne':
      return !(node.value === null ? actual == null : eq(node.value));
    case 'in':
      return (node.value as unknown[]).some(eq);
    case 'nin':
      return !(node.value as unknown[]).some(eq);
    case 'lt':
      return jsCompare(actual, node.value) === -1;
    case 'lte':
      return jsCompare(actual, node.value) !== 1;
    case 'gt':
      return jsCompare(actual, node.value) === 1;
    case 'gte':
      return jsCompare(actual, node.value) !== -1;
  }
  throw new Error(`evalAst: ${node.operator}`);
}

const columns: Record<string, string> = {
  'd.tenant_id': 'tenantId',
  'd.state': 'state',
  'd.referring_partner_id': 'referringPartnerId',
  'd.priority': 'priority',
  'd.involved_partner_ids': 'involvedPartnerIds',
};

/**
 * Evaluates exactly the SQL subset this translator (and the test field map) emits, with SQL
 * three-valued logic: NULL compared to anything is NULL, AND/OR/NOT are Kleene.
 */
function evalSql(sql: string, params: Record<string, unknown>, rec: Rec): Tri {
  const tokens = sql.match(/:\.\.\.\w+|:\w+|<=|>=|<>|[=<>(),]|[A-Za-z_][\w.]*/g) ?? [];
  expect(tokens.join('').replace(/\s/g, '')).toBe(sql.replace(/\s/g, ''));
  let i = 0;
  const peek = (k = 0) => tokens[i + k]?.toUpperCase();
  const take = (expected?: string) => {
    const t = tokens[i++];
    if (expected !== undefined && t?.toUpperCase() !== expected) throw new Error(`expected ${expected}, got ${t}`);
    return t;
  };
  const param = (t: string) => {
    const name = t.replace(/^:(\.\.\.)?/, '');
    if (!(name in params)) throw new Error(`unknown parameter ${name}`);
    return params[name];
  };
  const and = (a: Tri, b: Tri): Tri => (a === false || b === false ? false : a === null || b === null ? null : true);
  const or = (a: Tri, b: Tri): Tri => (a === true || b === true ? true : a === null || b === null ? null : false);
  const not = (a: Tri): Tri => (a === null ? null : !a);

  const expr = (): Tri => {
    let v = conj();
    while (peek() === 'OR') (take(), (v = or(v, conj())));
    return v;
  };
  const conj = (): Tri => {
    let v = neg();
    while (peek() === 'AND') (take(), (v = and(v, neg())));
    return v;
  };
  const neg = (): Tri => (peek() === 'NOT' ? (take(), not(neg())) : predicate());
  const value = (): unknown => {
    const t = take();
    if (t.startsWith(':')) return param(t);
    if (t.toUpperCase() === 'ANY') {
      take('(');
      const arr = value();
      take(')');
      return { any: arr };
    }
    if (!(t in columns)) throw new Error(`unknown column ${t}`);
    return rec[columns[t]] ?? null;
  };
  const cmp = (op: string, a: unknown, b: unknown): Tri => {
    if (b !== null && typeof b === 'object' && 'any' in b) {
      const arr = (b as { any: unknown[] | null }).any;
      if (a === null || arr === null) return null;
      return arr.reduce<Tri>((acc, el) => or(acc, cmp(op, a, el)), false);
    }
    if (a === null || b === null) return null;
    const x = a as number;
    const y = b as number;
    return { '=': x === y, '<>': x !== y, '<': x < y, '<=': x <= y, '>': x > y, '>=': x >= y }[op]!;
  };
  const predicate = (): Tri => {
    const t = peek();
    if (t === 'TRUE' || t === 'FALSE') return take() === 'TRUE';
    if (t === '(') {
      take('(');
      const v = expr();
      take(')');
      return v;
    }
    if (t === 'COALESCE') {
      take();
      take('(');
      const a = expr();
      take(',');
      const b = expr();
      take(')');
      return a ?? b;
    }
    const left = value();
    const op = peek();
    if (op === 'IS') {
      take();
      const negated = peek() === 'NOT' ? (take(), true) : false;
      if (peek() === 'NULL') return take(), (left === null) !== negated;
      take('DISTINCT');
      take('FROM');
      const right = value();
      const distinct = left === null || right === null ? left !== right : left !== right;
      return distinct !== negated;
    }
    if (op === 'IN' || (op === 'NOT' && peek(1) === 'IN')) {
      if (take() === 'NOT') take('IN');
      take('(');
      const list = value() as unknown[];
      take(')');
      const found = list.reduce<Tri>((acc, el) => or(acc, cmp('=', left, el)), false);
      return op === 'NOT' ? not(found) : found;
    }
    take();
    return cmp(op!, left, value());
  };

  const result = expr();
  if (i !== tokens.length) throw new Error(`trailing tokens: ${tokens.slice(i).join(' ')}`);
  return result;
}

describe('SQL and AST agree with ability.can on sample records', () => {
  const records: Rec[] = [];
  for (const tenantId of ['t1', 't2'])
    for (const involvedPartnerIds of [['p1'], ['p2', 'p1'], ['p2'], [], null])
      for (const state of ['AANGEMELD', 'SCREENING', 'LOPEND', 'GESLOTEN', null])
        for (const referringPartnerId of ['p1', 'p2', null])
          for (const priority of [null, -1, 0, 3, 10])
            records.push({ tenantId, involvedPartnerIds, state, referringPartnerId, priority });

  const scenarios: Record<string, (b: Builder) => void> = {
    member,
    casemanager,
    evaluator,
    caseworkerWithCannot,
    unconditional: (b) => b.can('read', 'Dossier'),
    unconditionalMinusCannot: (b) => {
      b.can('read', 'Dossier');
      b.cannot('read', 'Dossier', { tenantId: 't2' });
      b.cannot('read', 'Dossier', { involvedPartnerIds: 'p2' });
    },
    memberMinusClosed: (b) => {
      member(b);
      b.cannot('read', 'Dossier', { state: { $in: ['GESLOTEN', null] } });
    },
    negativeOperators: (b) => {
      b.can('read', 'Dossier', { state: { $ne: 'LOPEND' }, referringPartnerId: { $nin: ['p2'] } });
      b.can('read', 'Dossier', { involvedPartnerIds: { $ne: 'p1' }, tenantId: { $in: ['t2'] } });
    },
    ordering: (b) => {
      b.can('read', 'Dossier', { priority: { $lt: 5 } });
      b.can('read', 'Dossier', { priority: { $gte: 10 }, tenantId: 't2' });
      b.cannot('read', 'Dossier', { priority: { $lte: 0 }, state: 'LOPEND' });
      b.cannot('read', 'Dossier', { priority: { $gt: -5 }, state: 'GESLOTEN' });
    },
    emptyLists: (b) => {
      b.can('read', 'Dossier', { state: { $in: [] } });
      b.can('read', 'Dossier', { tenantId: 't1', state: { $nin: [] } });
      b.cannot('read', 'Dossier', { referringPartnerId: { $nin: ['p1', null] } });
    },
  };

  it.each(Object.keys(scenarios))('%s', (name) => {
    const ability = build(scenarios[name]);
    const ast = rulesToAST(ability, 'read', 'Dossier') as TestNode | null;
    const { sql, params } = abilityToSqlWhere(ability, 'read', 'Dossier', fields);
    let allowed = 0;
    for (const rec of records) {
      const expected = ability.can('read', subject('Dossier', { ...rec }));
      expect({ rec, ast: ast === null ? false : evalAst(ast, rec) }).toEqual({ rec, ast: expected });
      // A WHERE clause keeps a row only when the predicate is TRUE (NULL is dropped).
      expect({ rec, sql: evalSql(sql, params, rec) === true }).toEqual({ rec, sql: expected });
      if (expected) allowed++;
    }
    if (name !== 'evaluator' && name !== 'emptyLists') expect(allowed).toBeGreaterThan(0);
  });
});
