import { CHILD_LANGUAGES } from '@delaktig/contracts';
import { callbackSignature, childRef, maskContact, SecretBox, signatureMatches } from './secrets';
import { canMove } from './status';
import { renderMessage, TEXTS } from './texts';

describe('invitation status', () => {
  it('moves forward along the answering path and never backwards', () => {
    expect(canMove('created', 'sent')).toBe(true);
    expect(canMove('sent', 'delivery-failed')).toBe(true);
    expect(canMove('delivery-failed', 'sent')).toBe(true);
    expect(canMove('sent', 'opened')).toBe(true);
    expect(canMove('opened', 'started')).toBe(true);
    expect(canMove('started', 'submitted')).toBe(true);
    expect(canMove('started', 'opened')).toBe(false);
    expect(canMove('submitted', 'started')).toBe(false);
    expect(canMove('opened', 'sent')).toBe(false);
    expect(canMove('opened', 'delivery-failed')).toBe(false);
  });
  it('keeps expired and revoked terminal; a submitted invitation does not expire', () => {
    expect(canMove('revoked', 'opened')).toBe(false);
    expect(canMove('expired', 'submitted')).toBe(false);
    expect(canMove('submitted', 'expired')).toBe(false);
    expect(canMove('started', 'expired')).toBe(true);
    expect(canMove('sent', 'revoked')).toBe(true);
  });
});

describe('secrets', () => {
  it('encrypts and decrypts contact details with a fresh iv each time', () => {
    const box = new SecretBox('k'.repeat(40));
    const a = box.seal('+46701234567');
    expect(a).not.toContain('4670');
    expect(box.seal('+46701234567')).not.toBe(a);
    expect(box.open(a)).toBe('+46701234567');
    expect(() => new SecretBox('x'.repeat(40)).open(a)).toThrow();
  });
  it('derives the same childRef for the same child regardless of case-reference case, another for another district', () => {
    const k = 'key'.repeat(12);
    expect(childRef(k, 'skarpnack', 'ab-1', 2015)).toBe(childRef(k, 'skarpnack', 'AB-1', 2015));
    expect(childRef(k, 'skarpnack', 'AB-1', 2015)).not.toBe(childRef(k, 'norrmalm', 'AB-1', 2015));
    expect(childRef(k, 'skarpnack', 'AB-1', 2015)).toMatch(/^[0-9a-f]{64}$/);
  });
  it('signs delivery-report URLs', () => {
    const sig = callbackSignature('s'.repeat(40), 'id-1');
    expect(signatureMatches('s'.repeat(40), 'id-1', sig)).toBe(true);
    expect(signatureMatches('s'.repeat(40), 'id-2', sig)).toBe(false);
    expect(signatureMatches('s'.repeat(40), 'id-1', '')).toBe(false);
  });
  it('masks contacts', () => {
    expect(maskContact('sms', '+46701234567')).toBe('070-••• •• 67');
    expect(maskContact('email', 'anna@example.se')).toBe('a•••@example.se');
  });
});

describe('messages to the child', () => {
  const link = 'http://localhost:4300/#/i/abcdefghijklmnop';
  const expiresAt = new Date('2026-12-06T12:00:00Z');
  it('has every text in all seven languages, each with the link', () => {
    for (const language of CHILD_LANGUAGES) {
      for (const discreet of [false, true]) {
        for (const purpose of ['invitation', 'resend', 'reminder', 'feedback-notice'] as const) {
          const m = renderMessage({ language, discreet, purpose, link, expiresAt });
          expect(m.text).toContain(link);
          expect(m.html).toContain(`href="${link}"`);
          expect(m.subject.length).toBeGreaterThan(0);
          expect(m.text).not.toMatch(/\{(link|date)\}/);
        }
      }
    }
    expect(TEXTS.sv.machineDraft).toBe(false);
    expect(TEXTS.ar.dir).toBe('rtl');
  });
  it('never mentions social services in discreet mode', () => {
    for (const purpose of ['invitation', 'reminder', 'feedback-notice'] as const) {
      expect(renderMessage({ language: 'sv', discreet: true, purpose, link, expiresAt }).text).not.toMatch(/social/i);
      expect(renderMessage({ language: 'en', discreet: true, purpose, link, expiresAt }).text).not.toMatch(/social/i);
    }
    expect(renderMessage({ language: 'sv', discreet: false, purpose: 'invitation', link, expiresAt }).text).toMatch(/socialsekreterare/);
    expect(renderMessage({ language: 'sv', discreet: false, purpose: 'invitation', link, expiresAt }).text).toContain('6 december');
  });
});
