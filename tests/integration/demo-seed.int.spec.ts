import { DISTRICTS } from '@delaktig/contracts';
import { api, tokenFor } from './support/api';

/**
 * What `npm start` leaves (tools/seed-demo.ts), checked as the people who use it would see it:
 * the central analyst two years of participation in every district, a district admin only her
 * own district, the demo caseworkers their demo invitations. Runs after the seed in
 * scripts/test.sh ("demo seed against the test stack"), not in the main integration run.
 */
const DISTRICT_IDS = DISTRICTS.map((d) => d.id).filter((id) => id !== 'central');
const periods = (token: string, query = '') => api('GET', `/api/v1/statistics/participation/periods?months=24${query}`, { token });

describe('demo data of npm start', () => {
  it('the central analyst sees two years of participation with submitted answers in all 13 districts', async () => {
    const analyst = await tokenFor('analytiker.central');
    const city = await periods(analyst);
    expect(city.status).toBe(200);
    expect(city.body).toMatchObject({ districtId: null, months: 24 });
    expect(city.body.periods.length).toBeGreaterThanOrEqual(23);
    expect(city.body.total.counts.created).toBeGreaterThan(5_000);
    expect(city.body.total.counts.submitted).toBeGreaterThan(3_500);
    expect(city.body.total.counts.feedbackGiven).toBeGreaterThan(1_500);

    expect(DISTRICT_IDS).toHaveLength(13);
    for (const districtId of DISTRICT_IDS) {
      const r = await periods(analyst, `&districtId=${districtId}`);
      expect({ districtId, status: r.status }).toEqual({ districtId, status: 200 });
      const { counts } = r.body.total;
      // Exact numbers, not "<5": every district has a couple of hundred answered invitations.
      expect({ districtId, submitted: typeof counts.submitted === 'number' && counts.submitted > 100 }).toEqual({ districtId, submitted: true });
      expect(counts.submitted).toBeLessThan(counts.created);
      expect(r.body.periods.length).toBeGreaterThanOrEqual(20);
    }
  });

  it("a district admin of Skarpnäck sees her district's history and nothing of Norrmalm's", async () => {
    const admin = await tokenFor('admin.skarpnack');
    const own = await periods(admin);
    expect(own.status).toBe(200);
    expect(own.body.districtId).toBe('skarpnack');
    expect(own.body.total.counts.submitted).toBeGreaterThan(100);
    expect((await periods(admin, '&districtId=skarpnack')).status).toBe(200);
    expect((await periods(admin, '&districtId=norrmalm')).status).toBe(403);
  });

  it('the demo caseworkers see their demo invitations: answered ones, open ones, and a follow-up occasion', async () => {
    const sara = await tokenFor('handlaggare.skarpnack');
    const mine = await api('GET', '/api/v1/invitations?q=SKA-2026-01', { token: sara });
    expect(mine.status).toBe(200);
    const items = mine.body.items as { caseReference: string; status: string; occasion: number }[];
    expect(new Set(items.map((i) => i.caseReference))).toEqual(new Set(['SKA-2026-0141', 'SKA-2026-0157', 'SKA-2026-0163', 'SKA-2026-0178', 'SKA-2026-0182']));
    expect(items.filter((i) => i.status === 'submitted').length).toBeGreaterThanOrEqual(3);
    expect(items.some((i) => ['sent', 'opened', 'started'].includes(i.status))).toBe(true);
    expect(items.filter((i) => i.caseReference === 'SKA-2026-0141').map((i) => i.occasion).sort()).toEqual([1, 2]);

    const emma = await tokenFor('handlaggare.norrmalm');
    const hers = await api('GET', '/api/v1/invitations?q=NOR-2026-00', { token: emma });
    expect(hers.status).toBe(200);
    expect((hers.body.items as { caseReference: string }[]).map((i) => i.caseReference).sort()).toEqual(['NOR-2026-0032', 'NOR-2026-0047', 'NOR-2026-0051']);
    // Nothing of Skarpnäck's in Norrmalm.
    expect((await api('GET', '/api/v1/invitations?q=SKA-2026-01', { token: emma })).body.items).toEqual([]);
  });
});
