import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { IsInt, IsString, Min, validate, validateSync } from 'class-validator';
import { Problem } from './problem';
import { keepValidationLookups, VALIDATION_OPTIONS, validationPipe } from './validation';

describe('kept class-validator lookups', () => {
  beforeAll(() => keepValidationLookups());

  class Base {
    @IsString()
    name!: unknown;
  }

  const failing = (o: object) => validateSync(o).map((e) => e.property).sort();

  it('validates as class-validator does, again and again', async () => {
    for (let i = 0; i < 3; i++) {
      expect(failing(Object.assign(new Base(), { name: 1 }))).toEqual(['name']);
      expect(failing(Object.assign(new Base(), { name: 'x' }))).toEqual([]);
    }
    expect((await validate(Object.assign(new Base(), { name: 2 }))).map((e) => e.property)).toEqual(['name']);
  });

  it('sees rules registered after a lookup was kept: one more on the same class, a subclass defined later', () => {
    class Grows {
      @IsString()
      name!: unknown;
    }
    expect(failing(Object.assign(new Grows(), { name: 'x', extra: 'not checked yet' }))).toEqual([]);
    IsInt()(Grows.prototype, 'extra');
    expect(failing(Object.assign(new Grows(), { name: 'x', extra: 'now checked' }))).toEqual(['extra']);
    class Later extends Base {
      @IsInt()
      @Min(1)
      count!: unknown;
    }
    expect(failing(Object.assign(new Later(), { name: 1, count: 0 }))).toEqual(['count', 'name']);
    expect(failing(Object.assign(new Later(), { name: 'x', count: 3 }))).toEqual([]);
  });

  it('keeps groups apart', () => {
    class Grouped {
      @IsString({ groups: ['a'] })
      a!: unknown;

      @IsString({ groups: ['b'] })
      b!: unknown;
    }
    const o = Object.assign(new Grouped(), { a: 1, b: 2 });
    expect(validateSync(o, { groups: ['a'] }).map((e) => e.property)).toEqual(['a']);
    expect(validateSync(o, { groups: ['b'] }).map((e) => e.property)).toEqual(['b']);
  });
});

describe('the edge validation pipe', () => {
  class Query {
    @IsInt()
    @Min(1)
    page!: number;
  }
  const pipe = validationPipe();
  // Nest's own pipe with the same options, for what the edge pipe hands on unchanged.
  const nest = new ValidationPipe(VALIDATION_OPTIONS);
  const actor = { id: 'u1', tenantId: 't1' };
  const leftAlone: [unknown, ArgumentMetadata][] = [
    [actor, { type: 'custom', metatype: Object, data: undefined }],
    [actor, { type: 'custom', metatype: undefined, data: undefined }],
    ['5f0c', { type: 'param', metatype: String, data: 'id' }],
    [{ a: '1' }, { type: 'query', metatype: Object, data: undefined }],
    ['3', { type: 'query', metatype: Number, data: 'page' }],
  ];

  it('answers at once, with what Nest answers, for a value it does not validate (custom decorators, primitives)', async () => {
    for (const [value, metadata] of leftAlone) {
      const answer = pipe.transform(value, metadata);
      expect(answer).not.toBeInstanceOf(Promise);
      expect(answer).toEqual(await nest.transform(value, metadata));
    }
  });

  it('validates and transforms a DTO as before: a valid one becomes an instance, a bad one or an unknown field is a 400 problem', async () => {
    const meta: ArgumentMetadata = { type: 'query', metatype: Query, data: undefined };
    const ok = await pipe.transform({ page: 2 }, meta);
    expect(ok).toBeInstanceOf(Query);
    expect(ok).toEqual({ page: 2 });
    for (const bad of [{ page: 0 }, { page: 2, extra: true }]) {
      const refused = await Promise.resolve(pipe.transform(bad, meta)).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(Problem);
      expect((refused as Problem).getStatus()).toBe(400);
    }
  });
});
