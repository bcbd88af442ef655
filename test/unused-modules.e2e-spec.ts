import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The built entry points keep code the product never runs out of memory (apps/api/src/unused-modules.ts). What an
 * operator would see: the product still runs on PostgreSQL, another database type is refused with a message that says
 * why, and the left-out code is really not loaded.
 */
const HOOK = resolve(__dirname, '../dist/apps/api/src/unused-modules.js');

function inNode(script: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['-r', HOOK, '-e', script], { cwd: resolve(__dirname, '..'), encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('code the product never runs', () => {
  beforeAll(() => {
    if (!existsSync(HOOK)) throw new Error('build first: npm run build (npm test does)');
  });

  it('leaves the other databases’ drivers unloaded, and PostgreSQL’s works', () => {
    const r = inNode(`
      const { DataSource } = require('typeorm');
      const ds = new DataSource({ type: 'postgres', url: 'postgres://127.0.0.1:1/none' });
      const loaded = Object.keys(require.cache).filter((f) => /typeorm[\\\\/]driver[\\\\/].*(Mysql|SqlServer|Oracle|Sap|Mongo)(Driver|QueryRunner)\\.js$/.test(f));
      console.log(JSON.stringify({ driver: ds.driver.constructor.name, loaded }));
    `);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.out.trim().split('\n').pop()!)).toEqual({ driver: 'PostgresDriver', loaded: [] });
  });

  it('refuses another database type, naming why', () => {
    const r = inNode(`
      const { DataSource } = require('typeorm');
      try { new DataSource({ type: 'mysql' }); console.log('constructed'); } catch (e) { console.log('refused: ' + e.message); }
    `);
    expect(r.status).toBe(0);
    expect(r.out).toContain('refused: ./mysql/MysqlDriver is not loaded in Kernteam (this product runs on PostgreSQL only)');
  });

  it('leaves multer and libphonenumber-js out, and every other module alone', () => {
    const r = inNode(`
      const platform = require('@nestjs/platform-express');
      const phone = require('class-validator').isPhoneNumber('+32 9 266 00 00', 'BE');
      console.log(JSON.stringify({ adapter: typeof platform.ExpressAdapter, email: require('class-validator').isEmail('a@b.be'), phone,
        leftOutLoaded: Object.keys(require.cache).some((f) => /node_modules[\\\\/](multer|libphonenumber-js)[\\\\/]/.test(f)) }));
    `);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.out.trim().split('\n').pop()!)).toEqual({
      adapter: 'function', email: true, leftOutLoaded: false,
      // isPhoneNumber catches the left-out module's error: a phone number field would refuse every value.
      phone: false,
    });
  });
});
