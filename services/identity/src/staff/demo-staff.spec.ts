import { DEMO_STAFF, demoStaffId } from './demo-staff';

describe('demo staff ids', () => {
  it('are the same UUIDs (version 5) in every fresh database, so Keycloak links survive a reset', () => {
    const id = demoStaffId('handlaggare.skarpnack');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(demoStaffId('handlaggare.skarpnack')).toBe(id);
  });

  it('differ between staff members', () => {
    const ids = new Set(DEMO_STAFF.map((s) => demoStaffId(s.keycloakUsername)));
    expect(ids.size).toBe(DEMO_STAFF.length);
  });
});
