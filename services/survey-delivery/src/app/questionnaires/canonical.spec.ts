import { canonicalJson, contentSha256 } from './canonical';

describe('canonical content hash', () => {
  it('does not depend on key order (PostgreSQL jsonb reorders keys)', () => {
    const a = { b: 1, a: { y: [1, { d: 2, c: 3 }], x: 'é' } };
    const b = { a: { x: 'é', y: [1, { c: 3, d: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(contentSha256(a)).toBe(contentSha256(b));
    expect(contentSha256(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any value and keeps array order', () => {
    expect(contentSha256({ a: [1, 2] })).not.toBe(contentSha256({ a: [2, 1] }));
    expect(contentSha256({ a: 'x' })).not.toBe(contentSha256({ a: 'y' }));
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });
});
