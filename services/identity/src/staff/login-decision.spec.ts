import { parsePersonalIdentityNumber } from '@delaktig/bankid';
import { DEFAULT_TEST_PERSONS } from '@delaktig/bankid';
import { DEMO_STAFF } from './demo-staff';
import { StaffSignInV1 } from '@delaktig/contracts';
import { decideLogin, REFUSAL_MESSAGES, signInEvent } from './login-decision';

describe('login decision after a completed BankID identification', () => {
  it('lets an active registered staff member in', () => {
    expect(decideLogin({ id: 'a', status: 'active', districtId: 'skarpnack' })).toEqual({ outcome: 'login', staffId: 'a', districtId: 'skarpnack', subject: 'a' });
  });

  it('refuses a person who is not registered (nobody is created on login)', () => {
    expect(decideLogin(null)).toEqual({ outcome: 'not_registered' });
    expect(decideLogin(undefined)).toEqual({ outcome: 'not_registered' });
    expect(REFUSAL_MESSAGES.not_registered.sv).toMatch(/^Du är inte registrerad i Delaktig/);
  });

  it('refuses a deactivated staff member with its own message', () => {
    expect(decideLogin({ id: 'a', status: 'deactivated', districtId: 'norrmalm' })).toEqual({ outcome: 'deactivated', staffId: 'a', districtId: 'norrmalm', subject: 'a' });
    expect(REFUSAL_MESSAGES.deactivated.sv).not.toBe(REFUSAL_MESSAGES.not_registered.sv);
  });
});

describe('the StaffSignIn event of a decision', () => {
  const at = new Date('2026-11-23T08:00:00Z');
  it('names the staff member and district, or nobody for an unregistered person, and validates against the contract', () => {
    const cases = [
      [decideLogin({ id: '6f1c1f9e-3b3a-4d2b-9a53-0d7e2f1a9b10', status: 'active', districtId: 'skarpnack', keycloakUserId: 'kc-1' }), { outcome: 'signed-in', staffId: 'kc-1', districtId: 'skarpnack' }],
      [decideLogin({ id: '6f1c1f9e-3b3a-4d2b-9a53-0d7e2f1a9b11', status: 'deactivated', districtId: 'norrmalm' }), { outcome: 'refused-deactivated', staffId: '6f1c1f9e-3b3a-4d2b-9a53-0d7e2f1a9b11', districtId: 'norrmalm' }],
      [decideLogin(null), { outcome: 'refused-unregistered', staffId: null, districtId: null }],
    ] as const;
    for (const [decision, expected] of cases) {
      const data = signInEvent(decision, at);
      expect(data).toEqual({ ...expected, at: '2026-11-23T08:00:00.000Z' });
      expect(StaffSignInV1.schema.safeParse(data).success).toBe(true);
    }
  });
});

describe('demo staff', () => {
  const testPersons = new Set(DEFAULT_TEST_PERSONS.map((p) => p.personalNumber));

  it('uses valid, distinct simulator test persons and unique usernames', () => {
    for (const s of DEMO_STAFF) {
      expect(parsePersonalIdentityNumber(s.personalNumber).normalized).toBe(s.personalNumber);
      expect(testPersons.has(s.personalNumber)).toBe(true);
    }
    expect(new Set(DEMO_STAFF.map((s) => s.personalNumber)).size).toBe(DEMO_STAFF.length);
    expect(new Set(DEMO_STAFF.map((s) => s.keycloakUsername)).size).toBe(DEMO_STAFF.length);
  });

  it('carries the names of their test persons, so the admin list shows people, not usernames', () => {
    for (const s of DEMO_STAFF) {
      const person = DEFAULT_TEST_PERSONS.find((p) => p.personalNumber === s.personalNumber);
      expect(`${s.keycloakUsername}: ${s.givenName} ${s.familyName}`).toBe(`${s.keycloakUsername}: ${person?.givenName} ${person?.surname}`);
    }
  });

  it('has the ten realm users active, one deactivated person, and leaves test persons unregistered', () => {
    expect(DEMO_STAFF.filter((s) => s.status === 'active').map((s) => s.keycloakUsername).sort()).toEqual(
      [
        'admin.central',
        'admin.norrmalm',
        'admin.skarpnack',
        'analytiker.central',
        'enhetschef.skarpnack',
        'handlaggare.norrmalm',
        'handlaggare.skarpnack',
        'revisor.central',
        'revisor.norrmalm',
        'revisor.skarpnack',
      ],
    );
    expect(DEMO_STAFF.filter((s) => s.status === 'deactivated')).toHaveLength(1);
    const registered = new Set(DEMO_STAFF.map((s) => s.personalNumber));
    expect([...testPersons].filter((p) => !registered.has(p)).length).toBeGreaterThanOrEqual(1);
  });
});
