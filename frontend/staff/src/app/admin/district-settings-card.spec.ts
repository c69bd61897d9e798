import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { API, flushMicrotasks, SETTINGS_OFF, testProviders, text } from '../../testing/providers';
import { DistrictSettingsCard } from './district-settings-card';

jest.setTimeout(30_000);

describe('DistrictSettingsCard', () => {
  let fixture: ComponentFixture<DistrictSettingsCard>;
  let backend: HttpTestingController;
  let host: HTMLElement;
  const box = () => host.querySelector('#child-bankid') as HTMLInputElement;
  const settle = async () => {
    await fixture.whenStable();
    await flushMicrotasks();
    fixture.detectChanges();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [DistrictSettingsCard], providers: testProviders() });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DistrictSettingsCard);
    host = fixture.nativeElement;
    fixture.detectChanges();
    await flushMicrotasks();
  });
  afterEach(() => backend.verify());

  it('loads, then turns BankID for young people on with a saved confirmation', async () => {
    expect(text(host.querySelector('[role=status]'))).toBe('Hämtar inställningarna…');
    backend.expectOne(`${API}/district/settings`).flush(SETTINGS_OFF);
    await settle();
    expect(text(host.querySelector('label[for=child-bankid]'))).toBe('Unga (12–18 år) kan öppna sin inbjudan med eget BankID');
    expect(box().checked).toBe(false);
    box().click();
    await settle();
    const put = backend.expectOne({ method: 'PUT', url: `${API}/district/settings` });
    expect(put.request.body).toEqual({ childBankId: true });
    put.flush({ ...SETTINGS_OFF, childBankId: true, updatedAt: '2026-11-23T10:00:00Z', updatedBy: 'admin' });
    await settle();
    expect(text(host.querySelector('[data-testid=district-settings-status]'))).toBe('Sparat.');
    expect(box().checked).toBe(true);
  });

  it('shows what is really saved when saving fails', async () => {
    backend.expectOne(`${API}/district/settings`).flush(SETTINGS_OFF);
    await settle();
    box().click();
    await settle();
    backend.expectOne({ method: 'PUT', url: `${API}/district/settings` }).flush({ status: 403, code: 'FORBIDDEN' }, { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(box().checked).toBe(false);
    expect(text(host.querySelector('[data-testid=district-settings-status]'))).toMatch(/^Det gick inte att spara\./);
  });
});
