// eslint-disable-next-line @nx/enforce-module-boundaries
import { DISTRICTS as CONTRACT_DISTRICTS } from '../../../../../libs/contracts/src/lib/districts';
import { CITY_DISTRICTS, DISTRICTS } from './districts';

describe('districts in the staff UI', () => {
  it('are exactly the districts of the contracts, in the same order', () => {
    expect(DISTRICTS).toEqual(CONTRACT_DISTRICTS.map((d) => ({ id: d.id, name: d.name })));
  });

  it('offer the city districts without the central office for statistics', () => {
    expect(CITY_DISTRICTS.map((d) => d.id)).not.toContain('central');
    expect(CITY_DISTRICTS).toHaveLength(DISTRICTS.length - 1);
  });
});
