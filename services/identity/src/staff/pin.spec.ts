import { createHmac } from 'node:crypto';
import { PersonalIdentityNumberError } from '@delaktig/bankid';
import { EvidenceCipher, pinHash, protectPin } from './pin';

const KEY = 'unit-test-pin-hash-key-0123456789abcdef';

describe('personal identity numbers in the staff registry', () => {
  it('hashes the normalised 12-digit number with HMAC-SHA256 keyed with PIN_HASH_KEY', () => {
    const expected = createHmac('sha256', KEY).update('197803159826').digest('hex');
    expect(protectPin('197803159826', KEY)).toEqual({ pinHash: expected, pinMasked: '19780315-****' });
  });

  it('gives every accepted spelling of the same number the same hash', () => {
    const forms = ['197803159826', '19780315-9826', '780315-9826', ' 7803159826 '];
    const hashes = new Set(forms.map((f) => protectPin(f, KEY).pinHash));
    expect(hashes.size).toBe(1);
  });

  it('depends on the key (a leaked table cannot be brute-forced without it)', () => {
    expect(protectPin('197803159826', KEY).pinHash).not.toBe(protectPin('197803159826', `${KEY}x`).pinHash);
  });

  it('masks as YYYYMMDD-**** and never keeps the clear number', () => {
    const p = protectPin('198408719881', KEY); // coordination number
    expect(p.pinMasked).toBe('19840871-****');
    expect(JSON.stringify(p)).not.toContain('9881');
    expect(p.pinHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses invalid numbers without putting them in the error', () => {
    expect(() => protectPin('197803159827', KEY)).toThrow(PersonalIdentityNumberError);
    try {
      protectPin('197803159827', KEY);
    } catch (e) {
      expect((e as Error).message).not.toContain('9827');
    }
    expect(() => protectPin('not a number', KEY)).toThrow(PersonalIdentityNumberError);
    expect(() => pinHash('7803159826', KEY)).toThrow(TypeError);
  });
});

describe('login evidence encryption', () => {
  const cipher = new EvidenceCipher(KEY);
  const person = { personalNumber: '197803159826', name: 'Sara Lindqvist', givenName: 'Sara', surname: 'Lindqvist' };

  it('round-trips and does not contain the number in clear', () => {
    const token = cipher.encrypt(person, 'staff-1');
    expect(token).not.toContain('197803159826');
    expect(cipher.decrypt(token, 'staff-1')).toEqual(person);
  });

  it('is bound to the staff member and the key', () => {
    const token = cipher.encrypt(person, 'staff-1');
    expect(() => cipher.decrypt(token, 'staff-2')).toThrow();
    expect(() => new EvidenceCipher(`${KEY}x`).decrypt(token, 'staff-1')).toThrow();
  });
});
