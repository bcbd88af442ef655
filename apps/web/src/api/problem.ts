/** An RFC 9457 problem as the API sends it (API.md, Conventions). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export const isProblem = (e: unknown): e is Problem =>
  typeof e === 'object' && e !== null && typeof (e as Problem).status === 'number' && typeof (e as Problem).type === 'string';

/**
 * The problem's field errors keyed by the form field they belong to. The API names nested fields by their JSON path
 * (`subject.birthDate`, `agreements.0.dueOn`, or `agreements[0].dueOn`); forms name them the same way, normalised to
 * dots. Errors on fields the form does not show are returned under `''`, to be shown above the form, so none is lost.
 */
export function fieldErrors(problem: unknown, formFields?: readonly string[]): Record<string, string> {
  if (!isProblem(problem) || !problem.errors?.length) return {};
  const out: Record<string, string> = {};
  for (const { field, message } of problem.errors) {
    const key = normaliseField(field);
    const target = !formFields || formFields.includes(key) ? key : '';
    out[target] = out[target] ? `${out[target]} ${message}` : message;
  }
  return out;
}

export const normaliseField = (field: string) => field.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');

/** A stale `version` (someone else changed the record) as opposed to a transition the state does not accept. */
export const isStaleVersion = (e: unknown) => isProblem(e) && e.status === 409 && e.type === 'urn:kernteam:problem:stale-version';
