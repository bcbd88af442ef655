import { escapeLiteral } from 'pg';
import { sqlLiteral } from './tenant-db.service';

describe('sqlLiteral', () => {
  it.each([
    ['plain text', 'dossier.read'],
    ['empty', ''],
    ['single quotes', "it's 'quoted'"],
    ['backslashes', 'C:\\path\\to'],
    ['both, as JSON of an audit entry gives them', JSON.stringify([{ details: { reason: 'a \'b\' "c" \\d' } }])],
    ['unicode', 'Gent – Liège ü'],
  ])('writes %s as node-postgres escapeLiteral does', (_name, value) => {
    expect(sqlLiteral(value)).toBe(escapeLiteral(value));
  });
});
