import { SAFETY_ALERT_STEPS, type AlertLadder } from '@delaktig/contracts';
import { isOfficeHours } from './office-hours';

export type SafetyAlertStep = (typeof SAFETY_ALERT_STEPS)[number];

/**
 * The next step of an unacknowledged alert and whether it is due at `now`: `raised` at once;
 * `unit-lead` N minutes after raising; `duty` M minutes after raising, but only outside office
 * hours (inside them it waits until they end). null: the ladder is done.
 */
export function nextStep(
  lastStep: SafetyAlertStep | null,
  raisedAt: Date,
  ladder: AlertLadder,
  now: Date,
): { step: SafetyAlertStep; due: boolean } | null {
  const after = (minutes: number) => now.getTime() >= raisedAt.getTime() + minutes * 60_000;
  if (lastStep === null) return { step: 'raised', due: true };
  if (lastStep === 'raised') return { step: 'unit-lead', due: after(ladder.unitLeadMinutes) };
  if (lastStep === 'unit-lead') return { step: 'duty', due: after(ladder.dutyMinutes) && !isOfficeHours(ladder, now) };
  return null;
}
