import type { AnyAbility } from '@casl/ability';
import { rulesToAST } from '@casl/ability/extra';

/**
 * Maps a CASL condition field name to SQL.
 *
 * - A string is a SQL column expression (e.g. `'d.tenant_id'`) for a scalar column.
 * - A function is used for array (or otherwise special) columns: it receives the operator
 *   (`eq`, `ne`, `in`, `nin`, `lt`, `lte`, `gt`, `gte`) and the name of the TypeORM parameter that
 *   holds the condition value, and returns a SQL predicate, e.g.
 *   `(op, p) => `:${p} = ANY(d.involved_partner_ids)`` for `eq`. For `in`/`nin` the parameter holds
 *   an array, so use TypeORM's `:...p` expansion (e.g. `d.ids && ARRAY[:...${p}]::uuid[]`).
 *   It should throw for operators it does not support. Its predicate may evaluate to SQL NULL only
 *   where CASL would say "no match" (e.g. `:p = ANY(col)` with `col` NULL); under a NOT it is
 *   wrapped in `COALESCE(…, FALSE)`.
 *
 * A field that is not in the map makes {@link abilityToSqlWhere} throw.
 */
export type SqlFieldMap = Record<string, string | ((op: string, paramName: string) => string)>;

/** A WHERE fragment plus its TypeORM named parameters, e.g. for `qb.andWhere(w.sql, w.params)`. */
export interface SqlWhere {
  sql: string;
  params: Record<string, unknown>;
}

/** Structural view of the @ucast condition nodes returned by `rulesToAST`. */
interface AstNode {
  readonly operator: string;
  readonly value: unknown;
  readonly field?: unknown;
}

/**
 * Translated SQL with two facts about it:
 * - `nullable`: it may evaluate to SQL NULL (and NULL then always means "CASL says false");
 * - `wrapped`: it is already enclosed in its own parentheses.
 */
interface Fragment {
  sql: string;
  nullable: boolean;
  wrapped: boolean;
}

const TRUE: Fragment = { sql: 'TRUE', nullable: false, wrapped: true };
const FALSE: Fragment = { sql: 'FALSE', nullable: false, wrapped: true };
const PARAM_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ORDERING_SQL = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;
type OrderingOp = keyof typeof ORDERING_SQL;

/**
 * Translates the CASL rules of `ability` for `action` on `subjectType` into a SQL WHERE fragment
 * with TypeORM named parameters (`:<prefix>_p0`, `:<prefix>_p1`, …; arrays as `(:...<prefix>_pN)`).
 * Values are never interpolated into the SQL text.
 *
 * - No rule at all (or only `cannot` rules) → `FALSE`; an unconditional `can` → `TRUE`.
 * - `cannot` rules with conditions become `NOT (…)` bounds, as produced by CASL's `rulesToAST`.
 * - Supported operators: eq, ne, in, nin, lt, lte, gt, gte, and, or, not. Anything else throws.
 * - A condition field missing from `fields` throws (programming error; never silently allow).
 *
 * NULL columns follow CASL's JavaScript semantics rather than SQL's: `ne`/`nin` match NULL
 * (`IS DISTINCT FROM`, `IS NULL OR … NOT IN`), `eq: null` is `IS NULL`, NOT never turns an
 * unknown (NULL) into a match, and `lt`/`lte`/`gt`/`gte` match a NULL column exactly when CASL's
 * default comparator does for that value (it compares `null` as JavaScript does, i.e. like 0).
 * Known remaining differences: ordering of strings follows the database collation instead of
 * JavaScript code-unit order, and CASL compares two distinct `Date` instances as unequal.
 */
export function abilityToSqlWhere(
  ability: AnyAbility,
  action: string,
  subjectType: string,
  fields: SqlFieldMap,
  paramPrefix = 'casl',
): SqlWhere {
  if (!PARAM_PREFIX.test(paramPrefix)) {
    throw new Error(`abilityToSqlWhere: invalid parameter prefix "${paramPrefix}"`);
  }
  const ast = rulesToAST(ability, action, subjectType) as AstNode | null;
  if (ast === null) return { sql: FALSE.sql, params: {} };

  const params: Record<string, unknown> = {};
  let counter = 0;
  const param = (value: unknown): string => {
    const name = `${paramPrefix}_p${counter++}`;
    params[name] = value;
    return name;
  };

  const translate = (node: AstNode): Fragment => {
    switch (node.operator) {
      case 'and':
      case 'or':
        return junction(node.operator, compoundChildren(node).map(translate));
      case 'not': {
        const inner = junction('and', compoundChildren(node).map(translate));
        const sql = inner.nullable
          ? `NOT COALESCE(${inner.sql}, FALSE)`
          : `NOT ${inner.wrapped ? inner.sql : `(${inner.sql})`}`;
        return { sql, nullable: false, wrapped: false };
      }
      default:
        return leaf(node);
    }
  };

  const leaf = (node: AstNode): Fragment => {
    const { operator: op, field, value } = node;
    if (!isLeafOperator(op)) {
      throw new Error(`abilityToSqlWhere: unsupported CASL operator "${op}"${typeof field === 'string' ? ` on field "${field}"` : ''}`);
    }
    if (typeof field !== 'string') {
      throw new Error(`abilityToSqlWhere: condition "${op}" has no field`);
    }
    if (!Object.prototype.hasOwnProperty.call(fields, field)) {
      throw new Error(`abilityToSqlWhere: CASL condition field "${field}" has no SQL mapping for ${subjectType}`);
    }
    const target = fields[field];

    if (op === 'in' || op === 'nin') {
      if (!Array.isArray(value)) {
        throw new Error(`abilityToSqlWhere: "${op}" on field "${field}" needs an array value`);
      }
      if (value.length === 0) return op === 'in' ? FALSE : TRUE;
    }

    if (typeof target === 'function') {
      return { sql: `(${target(op, param(value))})`, nullable: true, wrapped: true };
    }
    if (typeof target !== 'string' || target.trim() === '') {
      throw new Error(`abilityToSqlWhere: SQL mapping of field "${field}" must be a column expression or a function`);
    }
    return scalarLeaf(target, field, op, value);
  };

  const scalarLeaf = (col: string, field: string, op: LeafOperator, value: unknown): Fragment => {
    switch (op) {
      case 'eq':
        if (value === null) return { sql: `${col} IS NULL`, nullable: false, wrapped: false };
        return { sql: `${col} = :${param(scalar(field, op, value))}`, nullable: true, wrapped: false };
      case 'ne':
        if (value === null) return { sql: `${col} IS NOT NULL`, nullable: false, wrapped: false };
        return { sql: `${col} IS DISTINCT FROM :${param(scalar(field, op, value))}`, nullable: false, wrapped: false };
      case 'in':
      case 'nin': {
        const list = value as unknown[];
        const hasNull = list.includes(null);
        const values = list.filter((v) => v !== null).map((v) => scalar(field, op, v));
        if (op === 'in') {
          if (values.length === 0) return { sql: `${col} IS NULL`, nullable: false, wrapped: false };
          const inSql = `${col} IN (:...${param(values)})`;
          return hasNull
            ? { sql: `(${col} IS NULL OR ${inSql})`, nullable: false, wrapped: true }
            : { sql: inSql, nullable: true, wrapped: false };
        }
        if (values.length === 0) return { sql: `${col} IS NOT NULL`, nullable: false, wrapped: false };
        const notInSql = `${col} NOT IN (:...${param(values)})`;
        return hasNull
          ? { sql: `(${col} IS NOT NULL AND ${notInSql})`, nullable: false, wrapped: true }
          : { sql: `(${col} IS NULL OR ${notInSql})`, nullable: false, wrapped: true };
      }
      default: {
        if (value === null) {
          throw new Error(`abilityToSqlWhere: "${op}" against null on field "${field}" is not supported`);
        }
        const cmp = `${col} ${ORDERING_SQL[op]} :${param(scalar(field, op, value))}`;
        return caslNullMatches(op, value)
          ? { sql: `(${col} IS NULL OR ${cmp})`, nullable: false, wrapped: true }
          : { sql: cmp, nullable: true, wrapped: false };
      }
    }
  };

  const result = translate(ast);
  return { sql: result.sql, params };
}

type LeafOperator = 'eq' | 'ne' | 'in' | 'nin' | OrderingOp;

function isLeafOperator(op: string): op is LeafOperator {
  return op === 'eq' || op === 'ne' || op === 'in' || op === 'nin' || op in ORDERING_SQL;
}

function compoundChildren(node: AstNode): AstNode[] {
  if (!Array.isArray(node.value) || node.field !== undefined) {
    throw new Error(`abilityToSqlWhere: malformed "${node.operator}" condition`);
  }
  return node.value as AstNode[];
}

function junction(op: 'and' | 'or', parts: Fragment[]): Fragment {
  if (parts.length === 0) return op === 'and' ? TRUE : FALSE;
  if (parts.length === 1) return parts[0];
  return {
    sql: `(${parts.map((p) => p.sql).join(op === 'and' ? ' AND ' : ' OR ')})`,
    nullable: parts.some((p) => p.nullable),
    wrapped: true,
  };
}

/** Only plain scalar values may become parameters of a scalar column. */
function scalar(field: string, op: string, value: unknown): unknown {
  const ok =
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint' ||
    (typeof value === 'number' && !Number.isNaN(value)) ||
    (value instanceof Date && !Number.isNaN(value.getTime()));
  if (!ok) {
    throw new Error(`abilityToSqlWhere: unsupported value for "${op}" on field "${field}": ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value instanceof RegExp) return String(value);
  if (Array.isArray(value)) return 'array';
  return value === null ? 'null' : typeof value;
}

/**
 * Whether CASL's default comparator (@ucast/js `compare`: `a === b ? 0 : a > b ? 1 : -1`) makes
 * `lt`/`lte`/`gt`/`gte` true for a record whose field is null.
 */
function caslNullMatches(op: OrderingOp, value: unknown): boolean {
  const nullValue = null as unknown as number;
  const result = nullValue > (value as number) ? 1 : -1; // null === value is impossible here
  return op === 'lt' || op === 'lte' ? result === -1 : result === 1;
}
