import { seedDecision } from './questionnaires.service';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const row = (version: number, status: string, publishedBy: string | null, contentSha256: string) => ({ version, status, publishedBy, contentSha256 });

describe('seeding the default questionnaires', () => {
  it('publishes version 1 of a template without versions', () => {
    expect(seedDecision(null, A)).toBe(1);
  });

  it('does nothing when the default content is already the newest version', () => {
    expect(seedDecision(row(1, 'published', 'system', A), A)).toBeNull();
  });

  it('publishes changed default content (e.g. new translations) as the next version, never changing the old one', () => {
    expect(seedDecision(row(1, 'published', 'system', A), B)).toBe(2);
  });

  it('leaves the template alone once the central office has a draft or published a version', () => {
    expect(seedDecision(row(2, 'draft', null, A), B)).toBeNull();
    expect(seedDecision(row(2, 'published', 'staff-123', A), B)).toBeNull();
  });

  it('does not publish content that an earlier version already had (an older instance during a rolling deploy)', () => {
    expect(seedDecision(row(2, 'published', 'system', B), A, true)).toBeNull();
  });
});
