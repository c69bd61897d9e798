// eslint-disable-next-line @nx/enforce-module-boundaries
import { GENDERS as CONTRACT_GENDERS } from '../../../../../libs/contracts/src/lib/answers';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { QUESTIONNAIRE_AREAS } from '../../../../../libs/contracts/src/lib/questionnaire';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { PARTICIPATION_COUNTS, STATISTICS_SPLITS } from '../../../../../libs/contracts/src/lib/statistics';
import { AREAS, COUNT_KEYS, GENDERS, SPLITS, answerParams, periodOf, share } from './statistics-api';

describe('the statistics API as the staff UI reads it', () => {
  it('knows exactly the contract’s areas, genders, counts and splits', () => {
    expect([...AREAS]).toEqual([...QUESTIONNAIRE_AREAS]);
    expect([...GENDERS]).toEqual([...CONTRACT_GENDERS]);
    expect([...COUNT_KEYS]).toEqual([...PARTICIPATION_COUNTS]);
    // "paired" is the UI's name for before/after (paired=true&split=occasion).
    expect(SPLITS.filter((s) => s !== 'paired')).toEqual([...STATISTICS_SPLITS]);
  });

  it('asks for the last N months in Stockholm time, with the filters chosen', () => {
    const now = new Date('2026-12-31T23:30:00Z'); // already January 2027 in Stockholm
    expect(periodOf(12, now)).toEqual({ from: '2026-02', to: '2027-01' });
    const p = answerParams({ months: 3, ageBand: '6-11', area: 'school', gender: 'girl', occasion: 'first', district: 'farsta', split: 'gender' }, now);
    expect(p.toString()).toBe('from=2026-11&to=2027-01&ageBand=6-11&area=school&gender=girl&occasion=first&districtIds=farsta&split=gender');
    const paired = answerParams({ months: 12, ageBand: '12-18', area: 'home', gender: '', occasion: 'first', district: '', split: 'paired' }, now);
    expect(paired.toString()).toBe('from=2026-02&to=2027-01&ageBand=12-18&area=home&paired=true&split=occasion');
  });

  it('computes shares only from numbers that are shown exactly', () => {
    expect(share(5, 20)).toBe(25);
    expect(share('<5', 20)).toBeNull();
    expect(share(5, '<5')).toBeNull();
    expect(share(0, 0)).toBeNull();
  });
});
