import { TestBed } from '@angular/core/testing';
import { App } from './app';

describe('child App (placeholder)', () => {
  it('shows a neutral start page with a disabled, labelled code field', async () => {
    await TestBed.configureTestingModule({ imports: [App] }).compileComponents();
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;

    expect(host.querySelector('h1')?.textContent?.trim()).toBe('Delaktig');
    expect(host.textContent).toContain('Skriv in koden du fått');
    const code = host.querySelector('input#code') as HTMLInputElement;
    expect(code.disabled).toBe(true);
    expect(host.querySelector('label[for=code]')?.textContent?.trim()).toBe('Kod');
    expect(host.textContent?.toLowerCase()).not.toMatch(/socialtjänst|social services|handläggare/);
  });
});
