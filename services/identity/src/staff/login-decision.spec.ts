import { parsePersonalIdentityNumber } from '@delaktig/bankid';
import { DEFAULT_TEST_PERSONS } from '@delaktig/bankid';
import { DEMO_STAFF } from './demo-staff';
import { decideLogin, REFUSAL_MESSAGES } from './login-decision';

describe('login decision after a completed BankID identification', () => {
  it('lets an active registered staff member in', () => {
    expect(decideLogin({ id: 'a', status: 'active' })).toEqual({ outcome: 'login', staffId: 'a' });
  });

  it('refuses a person who is not registered (nobody is created on login)', () => {
    expect(decideLogin(null)).toEqual({ outcome: 'not_registered' });
    expect(decideLogin(undefined)).toEqual({ outcome: 'not_registered' });
    expect(REFUSAL_MESSAGES.not_registered.sv).toMatch(/^Du är inte registrerad i Delaktig/);
  });

  it('refuses a deactivated staff member with its own message', () => {
    expect(decideLogin({ id: 'a', status: 'deactivated' })).toEqual({ outcome: 'deactivated' });
    expect(REFUSAL_MESSAGES.deactivated.sv).not.toBe(REFUSAL_MESSAGES.not_registered.sv);
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
