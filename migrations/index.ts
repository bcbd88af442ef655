import { InitialSchema1763700000000 } from './1763700000000-initial-schema';

/** Every migration, in order. The only way the schema changes. */
export const migrations = [InitialSchema1763700000000];
