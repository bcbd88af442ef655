import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** One field a validation problem names. */
export class FieldErrorView {
  @ApiProperty({ example: 'receivedOn' }) field: string;
  @ApiProperty({ example: 'receivedOn must be a real date as YYYY-MM-DD' }) message: string;
}

/** The body of every error: RFC 9457 `application/problem+json` (see problem.ts). */
export class ProblemView {
  @ApiProperty({ example: 'urn:kernteam:problem:validation', description: 'A stable URN clients may branch on.' }) type: string;
  @ApiProperty({ example: 'Bad Request' }) title: string;
  @ApiProperty({ type: 'integer', example: 400 }) status: number;
  @ApiProperty({ description: 'For people; never quotes the request.' }) detail: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorView], description: 'Validation problems: each field and what is wrong with it.' }) errors?: FieldErrorView[];
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` names the fields.',
  401: 'Not signed in, or the token is no longer valid.',
  403: 'Signed in, but not allowed to do this.',
  404: 'Unknown, or not visible to the caller.',
  409: 'Invalid state transition, stale `version` or a conflicting record.',
  410: 'No longer available.',
  413: 'The body is too large.',
  422: 'A domain rule refused it; `detail` says which.',
  429: 'Too many attempts; see `Retry-After`.',
};

/**
 * Declares the `application/problem+json` answers an operation (or, on a class, every operation of a controller) can
 * give, e.g. `@ApiProblems(400, 404, 409)`; `{ 409: 'why' }` gives a status its own description.
 */
export const ApiProblems = (...statuses: (number | Record<number, string>)[]) =>
  applyDecorators(
    ApiExtraModels(ProblemView),
    ...statuses
      .flatMap((s) => (typeof s === 'number' ? [[s, PROBLEM_DESCRIPTIONS[s] ?? 'Problem'] as const] : Object.entries(s).map(([k, d]) => [Number(k), d] as const)))
      .map(([status, description]) =>
        ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemView) } } } })),
  );

const pages = new Map<Type<unknown>, Type<unknown>>();

/** The named schema `<X>Page` of the Lists convention: `{ items: X[], total, page, pageSize }` with integer counts. */
export function pageOf<T>(item: Type<T>): Type<unknown> {
  const known = pages.get(item);
  if (known) return known;
  class Paged {
    @ApiProperty({ type: () => [item] }) items: T[];
    @ApiProperty({ type: 'integer', minimum: 0 }) total: number;
    @ApiProperty({ type: 'integer', minimum: 1 }) page: number;
    @ApiProperty({ type: 'integer', minimum: 1, maximum: 200 }) pageSize: number;
  }
  Object.defineProperty(Paged, 'name', { value: `${item.name}Page` });
  pages.set(item, Paged);
  return Paged;
}

/** `200` with a page of X (see {@link pageOf}). */
export const ApiPagedResponse = (item: Type<unknown>, description?: string) =>
  applyDecorators(ApiExtraModels(item), ApiOkResponse({ type: pageOf(item), description }));

/** A record created on a sub-resource, answered with its id only. */
export class IdView {
  @ApiProperty({ format: 'uuid' }) id: string;
}

/** `200` with a file download in one of these content types (no JSON schema: the body is the file). */
export const ApiFileResponse = (...contentTypes: string[]) =>
  ApiOkResponse({
    description: 'The file, as an attachment.',
    content: Object.fromEntries(contentTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
  });
