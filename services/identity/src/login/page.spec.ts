import { loginPage } from './page';

describe('BankID login page', () => {
  const base = { uid: 'abc', nonce: 'n0nce', autostartUrl: null, autostartNewTab: false };

  it('shows the QR code, the hint, the autostart button and Avbryt while pending', () => {
    const html = loginPage({
      ...base,
      autostartUrl: 'bankid:///?autostarttoken=t&redirect=null',
      view: { state: 'pending', hintCode: 'outstandingTransaction', message: 'Starta BankID-appen.', messageEn: 'Start your BankID app.', qr: 'bankid.x.0.y', qrSvg: '<svg></svg>' },
    });
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('Starta BankID-appen.');
    expect(html).toContain('<svg></svg>');
    expect(html).toContain('Öppna BankID på den här enheten');
    expect(html).toContain('href="bankid:///?autostarttoken=t&#38;redirect=null"');
    expect(html).toContain('>Avbryt</button>');
    expect(html).toContain('<script nonce="n0nce">');
    expect(html).not.toContain('qrStartSecret');
  });

  it('offers Försök igen after a failure and escapes messages', () => {
    const html = loginPage({ ...base, view: { state: 'failed', hintCode: 'userCancel', message: 'Åtgärden <avbruten>.', messageEn: '' } });
    expect(html).toContain('Försök igen');
    expect(html).toContain('Åtgärden &#60;avbruten&#62;.');
  });

  it('shows a refusal clearly with a way back', () => {
    const html = loginPage({ ...base, view: { state: 'refused', reason: 'not_registered', message: 'Du är inte registrerad i Delaktig.', messageEn: 'You are not registered.' } });
    expect(html).toContain('role="alert"');
    expect(html).toContain('Du är inte registrerad i Delaktig.');
    expect(html).toContain('/oidc/interaction/abc/abort');
  });
});
