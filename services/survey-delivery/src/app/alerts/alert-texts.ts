import type { SafetyAlertStep } from './ladder-steps';

export interface AlertMessage {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The message of a safety-alert step, Swedish first, then English. It says only that an alert
 * waits and links to the staff UI (sign in there): no case reference, name, question or answer.
 */
export function renderAlertMessage(step: SafetyAlertStep, link: string): AlertMessage {
  const sv =
    step === 'duty'
      ? 'Delaktig: Ett trygghetslarm har inte kvitterats i tid. Logga in och kvittera:'
      : step === 'unit-lead'
        ? 'Delaktig: Ett trygghetslarm väntar fortfarande på kvittens. Logga in och kvittera:'
        : 'Delaktig: Ett trygghetslarm väntar på dig. Logga in och kvittera:';
  const en =
    step === 'duty'
      ? 'A safety alert was not acknowledged in time. Sign in to acknowledge:'
      : step === 'unit-lead'
        ? 'A safety alert is still waiting to be acknowledged. Sign in to acknowledge:'
        : 'A safety alert is waiting for you. Sign in to acknowledge:';
  const subject = step === 'raised' ? 'Trygghetslarm väntar / Safety alert waiting' : 'Trygghetslarm ej kvitterat / Safety alert not acknowledged';
  const text = `${sv} ${link}\n\n${en} ${link}`;
  const html = `<p lang="sv">${escapeHtml(sv)} <a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p lang="en">${escapeHtml(en)} <a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`;
  return { subject, text, html };
}
