import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The built entry points keep code the product never runs out of memory (apps/api/src/unused-modules.ts). What an
 * operator would see: the product still runs on PostgreSQL, another database type is refused with a message that says
 * why, and the left-out code is really not loaded.
 */
const ROOT = resolve(__dirname, '..');
const HOOK = join(ROOT, 'dist/apps/api/src/unused-modules.js');

function inNode(script: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['-r', HOOK, '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
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

  it('leaves multer, lodash and the unused validation checks out, and every other module alone', () => {
    const r = inNode(`
      const platform = require('@nestjs/platform-express');
      const cv = require('class-validator');
      const loaded = (name) => Object.keys(require.cache).some((f) => new RegExp('node_modules[\\\\/]' + name + '[\\\\/]').test(f));
      console.log(JSON.stringify({ adapter: typeof platform.ExpressAdapter, email: cv.isEmail('a@b.be'), uuid: cv.isUUID('6a0c3e5e-4f2c-4d0e-9a51-1f0e7c2b9d11'),
        phone: typeof cv.IsPhoneNumber, url: typeof cv.IsUrl, swagger: typeof require('@nestjs/swagger').ApiProperty,
        leftOutLoaded: ['multer', 'libphonenumber-js', 'lodash'].filter(loaded) }));
    `);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.out.trim().split('\n').pop()!)).toEqual({
      adapter: 'function', email: true, uuid: true, swagger: 'function', leftOutLoaded: [],
      // Decorators no rule uses are not exported: a rule that starts using one fails as its class loads.
      phone: 'undefined', url: 'undefined',
    });
  });

  it('loads every module of the API and the worker, and runs every validation rule of their classes', () => {
    // Each rule sees a string, so each check that a left-out validator.js module would answer is called; none throws.
    const r = inNode(`
      require('./dist/apps/api/src/app.module');
      require('./dist/apps/worker/src/worker.module');
      const { getMetadataStorage, validateSync } = require('class-validator');
      const byClass = getMetadataStorage().validationMetadatas;
      let rules = 0; const thrown = [];
      for (const [target, metas] of byClass) {
        if (typeof target !== 'function') continue;
        rules += metas.length;
        const instance = Object.create(target.prototype);
        for (const m of metas) if (m.propertyName) instance[m.propertyName] = 'x';
        try { validateSync(instance); } catch (e) { thrown.push(target.name + ': ' + e.message); }
      }
      const validator = Object.keys(require.cache).filter((f) => /node_modules[\\\\/]validator[\\\\/]lib[\\\\/]is/.test(f)).map((f) => f.replace(/^.*[\\\\/]/, '')).sort();
      const lodash = Object.keys(require.cache).some((f) => /node_modules[\\\\/]lodash[\\\\/]/.test(f));
      console.log(JSON.stringify({ classes: byClass.size, rules, thrown, validator, lodash }));
    `);
    expect(r.status).toBe(0);
    const seen = JSON.parse(r.out.trim().split('\n').pop()!);
    expect(seen.thrown).toEqual([]);
    expect(seen.classes).toBeGreaterThan(40);
    expect(seen.rules).toBeGreaterThan(200);
    // The checks the product's rules use, and the two that isEmail uses.
    expect(seen.validator).toEqual(['isByteLength.js', 'isEmail.js', 'isFQDN.js', 'isIP.js', 'isLength.js', 'isUUID.js']);
    expect(seen.lodash).toBe(false);
  });

  it('builds the committed OpenAPI document: the early answers for lodash change nothing in it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kernteam-openapi-'));
    try {
      const out = join(dir, 'openapi.json');
      const r = spawnSync(process.execPath, ['-r', HOOK, 'dist/apps/cli/src/main.js', 'openapi', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(ROOT, 'openapi.json'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
