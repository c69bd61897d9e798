import { DEFAULT_ALERT_LADDER } from '@delaktig/contracts';
import { nextStep } from './ladder-steps';

describe('the escalation ladder', () => {
  const ladder = { ...DEFAULT_ALERT_LADDER, unitLeadMinutes: 10, dutyMinutes: 30 };
  // Monday 7 December 2026, 20:00 in Stockholm: outside office hours.
  const raisedAt = new Date('2026-12-07T19:00:00Z');
  const at = (minutes: number) => new Date(raisedAt.getTime() + minutes * 60_000);

  it('notifies at once, the unit leads after N minutes and the duty contacts after M', () => {
    expect(nextStep(null, raisedAt, ladder, raisedAt)).toEqual({ step: 'raised', due: true });
    expect(nextStep('raised', raisedAt, ladder, at(9))).toEqual({ step: 'unit-lead', due: false });
    expect(nextStep('raised', raisedAt, ladder, at(10))).toEqual({ step: 'unit-lead', due: true });
    expect(nextStep('unit-lead', raisedAt, ladder, at(29))).toEqual({ step: 'duty', due: false });
    expect(nextStep('unit-lead', raisedAt, ladder, at(30))).toEqual({ step: 'duty', due: true });
    expect(nextStep('duty', raisedAt, ladder, at(60))).toBeNull();
  });

  it('waits with the duty contacts until office hours end', () => {
    const morning = new Date('2026-12-07T08:00:00Z'); // 09:00 Stockholm
    expect(nextStep('unit-lead', morning, ladder, new Date(morning.getTime() + 31 * 60_000))).toEqual({ step: 'duty', due: false });
    expect(nextStep('unit-lead', morning, ladder, new Date('2026-12-07T16:00:00Z'))).toEqual({ step: 'duty', due: true }); // 17:00
  });
});
