import { CODE_ALPHABET, hashCode, hashToken, LINK_TOKEN_RE, newCode, newLinkToken, normalizeCode, sameHash } from './secrets';

const KEY = 'unit-test-child-access-hash-key-0123456789';
const INVITATION = '0b7c1f7e-8a63-4a5e-9a55-0c8a7f0e2d11';

describe('child access secrets', () => {
  it('makes link tokens of 256 random bits in base64url', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newLinkToken));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(LINK_TOKEN_RE);
    expect(Buffer.from([...tokens][0] as string, 'base64url')).toHaveLength(32);
  });

  it('makes codes a caseworker can read aloud: XXXX-XXXX from 32 unambiguous characters (40 bits)', () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(new Set(CODE_ALPHABET).size).toBe(32);
    for (const c of ['0', 'O', '1', 'I']) expect(CODE_ALPHABET).not.toContain(c);
    const seen = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const code = newCode();
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
      for (const ch of code.replace('-', '')) seen.set(ch, (seen.get(ch) ?? 0) + 1);
    }
    // Every character is used, none much more than its share (32 000 draws, 1 000 expected each).
    expect(seen.size).toBe(32);
    for (const n of seen.values()) expect(n).toBeGreaterThan(750);
  });

  it('accepts the code however the child types it (case, spaces, dashes)', () => {
    const stored = hashCode(INVITATION, 'ABCD-2345', KEY);
    for (const typed of ['ABCD-2345', 'abcd2345', ' abcd 2345 ', 'AbCd–2345']) {
      expect(normalizeCode(typed)).toBe('ABCD2345');
      expect(sameHash(hashCode(INVITATION, typed, KEY), stored)).toBe(true);
    }
    expect(sameHash(hashCode(INVITATION, 'ABCD-2346', KEY), stored)).toBe(false);
  });

  it('stores only keyed hashes: another key or another invitation gives another hash', () => {
    const token = newLinkToken();
    expect(hashToken(token, KEY)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token, KEY)).not.toContain(token);
    expect(hashToken(token, KEY)).not.toBe(hashToken(token, KEY + 'x'));
    expect(hashCode(INVITATION, 'ABCD-2345', KEY)).not.toBe(hashCode('1b7c1f7e-8a63-4a5e-9a55-0c8a7f0e2d11', 'ABCD-2345', KEY));
  });

  it('compares hashes in constant time and refuses malformed ones', () => {
    const h = hashToken('x', KEY);
    expect(sameHash(h, h)).toBe(true);
    expect(sameHash(h, '')).toBe(false);
    expect(sameHash(h, 'zz')).toBe(false);
  });
});
