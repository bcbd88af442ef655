import { IsInt, IsString, Min, validate, validateSync } from 'class-validator';
import { keepValidationLookups } from './validation';

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
