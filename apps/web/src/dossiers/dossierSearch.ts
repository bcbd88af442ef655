/**
 * The dossier list's filters, kept in the URL under the API's own query names (UI.md), so a filtered list can be
 * bookmarked, shared and restored with "back". Anything the API would refuse is dropped here instead of sent.
 */
export const DOSSIER_STATES = ['AANGEMELD', 'SCREENING', 'NIET_WEERHOUDEN', 'WEERHOUDEN', 'GEAGENDEERD', 'IN_OPVOLGING', 'AFGESLOTEN', 'GEANONIMISEERD'] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];
export const PHENOMENA = ['RADICALISERING', 'POLARISERING', 'EXTREMISME', 'TERRORISME'] as const;
export type Phenomenon = (typeof PHENOMENA)[number];
export const SORT_COLUMNS = ['reference', 'receivedOn', 'state', 'updatedAt'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type DossierSort = SortColumn | `-${SortColumn}`;
export const DEFAULT_SORT: DossierSort = '-updatedAt';
export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 25;

export interface DossierSearch {
  state?: DossierState;
  phenomenon?: Phenomenon;
  casemanagerId?: string;
  involvedPartnerId?: string;
  q?: string;
  sort?: DossierSort;
  page?: number;
  pageSize?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const oneOf = <T extends string>(values: readonly T[], v: unknown): T | undefined => (typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : undefined);
const uuid = (v: unknown) => (typeof v === 'string' && UUID.test(v) ? v.toLowerCase() : undefined);
const positive = (v: unknown) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 ? n : undefined;
};

export function isSort(v: unknown): v is DossierSort {
  return typeof v === 'string' && (SORT_COLUMNS as readonly string[]).includes(v.replace(/^-/, ''));
}

/** TanStack `validateSearch`: what the URL says, restricted to what the API accepts; defaults are left out of the URL. */
export function parseDossierSearch(s: Record<string, unknown>): DossierSearch {
  const q = typeof s.q === 'string' ? s.q.trim().slice(0, 200) : typeof s.q === 'number' ? String(s.q) : '';
  const page = positive(s.page);
  const size = positive(s.pageSize);
  const pageSize = size && (PAGE_SIZES as readonly number[]).includes(size) ? size : undefined;
  const sort = isSort(s.sort) && s.sort !== DEFAULT_SORT ? s.sort : undefined;
  const out: DossierSearch = {
    state: oneOf(DOSSIER_STATES, s.state),
    phenomenon: oneOf(PHENOMENA, s.phenomenon),
    casemanagerId: uuid(s.casemanagerId),
    involvedPartnerId: uuid(s.involvedPartnerId),
    q: q || undefined,
    sort,
    page: page && page > 1 ? page : undefined,
    pageSize: pageSize && pageSize !== DEFAULT_PAGE_SIZE ? pageSize : undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as DossierSearch;
}

/** The API query for a list search (defaults filled in). */
export function toApiQuery(s: DossierSearch) {
  return { ...s, sort: s.sort ?? DEFAULT_SORT, page: s.page ?? 1, pageSize: s.pageSize ?? DEFAULT_PAGE_SIZE };
}

/** A changed filter starts again at page 1. */
export function withFilter(s: DossierSearch, change: Partial<Omit<DossierSearch, 'page' | 'sort' | 'pageSize'>>): DossierSearch {
  return parseDossierSearch({ ...s, ...change, page: undefined });
}

/** Clicking a column: sort by it ascending, or flip it when it already is the sort. */
export function toggleSort(current: DossierSort | undefined, column: SortColumn): DossierSort {
  const sort = current ?? DEFAULT_SORT;
  if (sort === column) return `-${column}`;
  if (sort === `-${column}`) return column;
  return column;
}

/** `aria-sort` of a column header. */
export function ariaSort(current: DossierSort | undefined, column: SortColumn): 'ascending' | 'descending' | 'none' {
  const sort = current ?? DEFAULT_SORT;
  return sort === column ? 'ascending' : sort === `-${column}` ? 'descending' : 'none';
}
