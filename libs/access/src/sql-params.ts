import type { SqlWhere } from './casl-sql';

/**
 * Turns a `SqlWhere` with TypeORM named parameters (`:name`, `:...name`) into positional ones (`$n`) for `em.query`,
 * numbering from `first`. Only the names in `params` are replaced, so casts such as `::text` are left alone.
 */
export function toPositional(where: SqlWhere, first = 1): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const names = Object.keys(where.params).sort((a, b) => b.length - a.length);
  if (!names.length) return { sql: where.sql, values };
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<!:):(\\.\\.\\.)?(${escaped.join('|')})(?![A-Za-z0-9_])`, 'g');
  const sql = where.sql.replace(pattern, (_, spread: string | undefined, name: string) => {
    const value = where.params[name];
    if (spread) {
      const list = value as unknown[];
      return list.map((v) => `$${first + values.push(v) - 1}`).join(', ');
    }
    return `$${first + values.push(value) - 1}`;
  });
  return { sql, values };
}
