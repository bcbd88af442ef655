import { dossierMachine } from '../../../../libs/dossiers/src/dossier.machine';
import { meetingMachine } from '../../../../libs/meetings/src/meeting.machine';
import { describeSteps, machineToElk } from './graph';

const id = (s: string) => s;

describe('machineToElk (the lifecycle diagram is drawn from the machine the API runs)', () => {
  const g = machineToElk(dossierMachine, id, id);

  it('has one node per dossier state, final ones marked', () => {
    expect(g.children.map((c) => c.id).sort()).toEqual(Object.keys(dossierMachine.config.states ?? {}).sort());
    expect(g.children.find((c) => c.id === 'GEANONIMISEERD')?.final).toBe(true);
    expect(g.children.find((c) => c.id === 'AANGEMELD')?.final).toBe(false);
  });

  it('has an edge for each transition of the machine, once', () => {
    const edges = g.edges.map((e) => `${e.sources[0]} -${e.event}-> ${e.targets[0]}`);
    expect(edges).toEqual(expect.arrayContaining([
      'AANGEMELD -START_SCREENING-> SCREENING',
      'SCREENING -RETAIN-> WEERHOUDEN',
      'SCREENING -REJECT-> NIET_WEERHOUDEN',
      'IN_OPVOLGING -CLOSE-> AFGESLOTEN',
    ]));
    expect(new Set(edges).size).toBe(edges.length);
  });

  it('sizes nodes by their label in the UI language', () => {
    const long = machineToElk(dossierMachine, (s) => (s === 'SCREENING' ? 'x'.repeat(40) : s), id);
    const short = machineToElk(dossierMachine, (s) => (s === 'SCREENING' ? 'x' : s), id);
    const w = (gr: typeof g) => gr.children.find((c) => c.id === 'SCREENING')!.width;
    expect(w(long)).toBeGreaterThan(w(short) + 200);
  });

  it('describes the allowed steps from the current state only', () => {
    expect(describeSteps(g, 'SCREENING', ['RETAIN', 'REJECT'])).toEqual(
      expect.arrayContaining([{ event: 'RETAIN', to: 'WEERHOUDEN' }, { event: 'REJECT', to: 'NIET_WEERHOUDEN' }]),
    );
    expect(describeSteps(g, 'SCREENING', ['RETAIN'])).toEqual([{ event: 'RETAIN', to: 'WEERHOUDEN' }]);
    expect(describeSteps(g, 'AANGEMELD', ['RETAIN'])).toEqual([]);
  });

  it('works for the meeting machine too', () => {
    const m = machineToElk(meetingMachine, id, id);
    expect(m.edges.map((e) => `${e.sources[0]} -${e.event}-> ${e.targets[0]}`)).toEqual(expect.arrayContaining(['GEPLAND -FINALIZE_AGENDA-> AGENDA_VASTGELEGD']));
  });
});
