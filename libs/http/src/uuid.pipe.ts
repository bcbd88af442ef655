import { Injectable, PipeTransform } from '@nestjs/common';
import { notFound } from './problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID names no record: 404, the same answer as for an id the caller may not see. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw notFound();
    return value.toLowerCase();
  }
}

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
