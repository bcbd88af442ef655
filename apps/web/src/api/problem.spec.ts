import { fieldErrors, isStaleVersion, normaliseField } from './problem';

const problem = (errors: { field: string; message: string }[]) => ({ type: 'urn:kernteam:problem:validation', title: 'Bad Request', status: 400, errors });

describe('fieldErrors (a refused field shows its message next to it)', () => {
  it('maps each error to its field, nested paths as dots', () => {
    const e = problem([
      { field: 'receivedOn', message: 'must not be after today' },
      { field: 'subject.birthDate', message: 'must be before the received date' },
      { field: 'agreements[1].dueOn', message: 'not before the meeting' },
    ]);
    expect(fieldErrors(e)).toEqual({
      receivedOn: 'must not be after today',
      'subject.birthDate': 'must be before the received date',
      'agreements.1.dueOn': 'not before the meeting',
    });
  });

  it('keeps errors on fields the form does not show under the form key, joined, never dropped', () => {
    const e = problem([{ field: 'summary', message: 'required' }, { field: 'secret', message: 'a' }, { field: 'other', message: 'b' }]);
    expect(fieldErrors(e, ['summary'])).toEqual({ summary: 'required', '': 'a b' });
  });

  it('gives nothing for a problem without errors or something that is not a problem', () => {
    expect(fieldErrors({ type: 'x', title: 'Conflict', status: 409 })).toEqual({});
    expect(fieldErrors(new Error('network'))).toEqual({});
    expect(fieldErrors(undefined)).toEqual({});
  });

  it('normalises bracket indices', () => {
    expect(normaliseField('a[0].b[12]')).toBe('a.0.b.12');
  });
});

describe('isStaleVersion', () => {
  it('tells a stale version from a refused transition', () => {
    expect(isStaleVersion({ type: 'urn:kernteam:problem:stale-version', title: 'Conflict', status: 409, detail: 'The record was changed' })).toBe(true);
    expect(isStaleVersion({ type: 'urn:kernteam:problem:invalid-transition', title: 'Conflict', status: 409, detail: 'REJECT is not accepted in WEERHOUDEN' })).toBe(false);
    expect(isStaleVersion({ type: 'urn:kernteam:problem:422', title: 'x', status: 422, detail: 'version' })).toBe(false);
  });
});
