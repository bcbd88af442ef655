import { ArgumentMetadata, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { getMetadataStorage, ValidateIf, ValidationOptions } from 'class-validator';
import { FieldError, invalid } from './problem';

const flatten = (errors: ValidationError[], prefix = ''): FieldError[] =>
  errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
const LOOKUP_KEPT = Symbol('kernteam.validationLookupKept');

/**
 * class-validator finds a class's rules by scanning every class that has any (an `instanceof` per class, for
 * inheritance) on every validation: with all of the product's DTOs registered, most of a body's validation time. The
 * answer changes only when a rule is registered, so it is kept per class and options, and forgotten whenever one is.
 */
export function keepValidationLookups(storage: MetadataStorage = getMetadataStorage()): void {
  const s = storage as MetadataStorage & { [LOOKUP_KEPT]?: true };
  if (s[LOOKUP_KEPT]) return;
  s[LOOKUP_KEPT] = true;
  const kept = new Map<unknown, Map<string, ReturnType<MetadataStorage['getTargetValidationMetadatas']>>>();
  const lookup = s.getTargetValidationMetadatas.bind(s);
  s.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let byOptions = kept.get(target);
    if (!byOptions) kept.set(target, (byOptions = new Map()));
    let found = byOptions.get(key);
    if (!found) byOptions.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  const add = s.addValidationMetadata.bind(s);
  s.addValidationMetadata = (metadata) => {
    kept.clear();
    add(metadata);
  };
}

/**
 * Nest's pipe, answering at once for a value it leaves as it is. Every argument of every handler passes the global
 * pipe, the actor and the ability of the custom decorators too; Nest's `transform` is async, so each of those cost a
 * promise and the ticks of adopting it (a read has three such arguments). What it validates goes to Nest's as before.
 */
export class EdgeValidationPipe extends ValidationPipe {
  // A value or a promise, as any PipeTransform may answer (Nest's pipe declares a promise only).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override transform(value: unknown, metadata: ArgumentMetadata): any {
    const m = this.expectedType ? { ...metadata, metatype: this.expectedType } : metadata;
    if (!m.metatype || !this.toValidate(m)) return this.isTransformEnabled ? this.transformPrimitive(value, m) : value;
    return super.transform(value, metadata);
  }
}

/** DTOs are validated at the edge: unknown properties refused, types converted only where declared. */
export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  stopAtFirstError: false,
  exceptionFactory: (errors) => invalid(flatten(errors)),
};

export const validationPipe = () => {
  keepValidationLookups();
  return new EdgeValidationPipe(VALIDATION_OPTIONS);
};

/** Strings are stored trimmed: a value of spaces only becomes "" and fails its length rule instead of being stored blank. */
export const Trimmed = (): PropertyDecorator => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/**
 * For PATCH bodies: the field may be left out, but not sent as null (unlike `@IsOptional()`, which lets null through
 * and so would clear a field that may not be cleared). Nullable fields use `@IsOptional() @ValidateIf(v !== null)`.
 */
export const IsOmittable = (options?: ValidationOptions): PropertyDecorator => ValidateIf((_o, v) => v !== undefined, options);
