import { ValidationError, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateIf, ValidationOptions } from 'class-validator';
import { FieldError, invalid } from './problem';

const flatten = (errors: ValidationError[], prefix = ''): FieldError[] =>
  errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });

/** DTOs are validated at the edge: unknown properties refused, types converted only where declared. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => invalid(flatten(errors)),
  });

/** Strings are stored trimmed: a value of spaces only becomes "" and fails its length rule instead of being stored blank. */
export const Trimmed = (): PropertyDecorator => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/**
 * For PATCH bodies: the field may be left out, but not sent as null (unlike `@IsOptional()`, which lets null through
 * and so would clear a field that may not be cleared). Nullable fields use `@IsOptional() @ValidateIf(v !== null)`.
 */
export const IsOmittable = (options?: ValidationOptions): PropertyDecorator => ValidateIf((_o, v) => v !== undefined, options);
