import {
  BANKID_USER_MESSAGES,
  errorMessage,
  errorMessageSv,
  hintMessage,
  hintMessageId,
  hintMessageSv,
} from './messages';
import { ERROR_CODES, FAILED_HINT_CODES, PENDING_HINT_CODES } from './types';

describe('BankID user messages', () => {
  it('follows the recommended RFA texts for the common states', () => {
    expect(hintMessageSv('outstandingTransaction', 'pending', { qr: true })).toBe('Starta BankID-appen.');
    expect(hintMessageSv('outstandingTransaction', 'pending', { qr: false })).toBe('Försöker starta BankID-appen.');
    expect(hintMessageSv('userSign', 'pending', { qr: true })).toBe(
      'Skriv in din säkerhetskod i BankID-appen och välj Identifiera eller Skriv under.',
    );
    expect(hintMessageSv('userSign', 'pending', { qr: true, flow: 'auth' })).toBe(
      'Skriv in din säkerhetskod i BankID-appen och välj Identifiera.',
    );
    expect(hintMessageSv('userCancel', 'failed', { qr: true })).toBe('Åtgärden avbruten.');
    expect(hintMessageSv('cancelled', 'failed', { qr: true })).toBe('Åtgärden avbruten. Försök igen.');
    expect(hintMessageSv('expiredTransaction', 'failed', { qr: false })).toMatch(
      /^BankID-appen svarar inte\. Kontrollera att den är startad och att du har internetanslutning\. .* Försök sedan igen\.$/,
    );
  });

  it('uses RFA17 for startFailed, the QR variant when a QR code was shown', () => {
    expect(hintMessageId('startFailed', 'failed', { qr: true })).toBe('RFA17B');
    expect(hintMessageId('startFailed', 'failed', { qr: false })).toBe('RFA17A');
    expect(hintMessageSv('startFailed', 'failed', { qr: true })).toMatch(/^Misslyckades att läsa av QR-koden/);
  });

  it('tolerates unknown hint codes', () => {
    expect(hintMessageId('someFutureHint', 'pending', { qr: true })).toBe('RFA21');
    expect(hintMessageId('someFutureHint', 'failed', { qr: true })).toBe('RFA22');
    expect(hintMessageSv(undefined, 'failed', { qr: false })).toBe('Okänt fel. Försök igen.');
  });

  it('maps every known hint and error code to Swedish and English text', () => {
    for (const code of PENDING_HINT_CODES) {
      for (const qr of [true, false]) {
        expect(hintMessage(code, 'pending', { qr }, 'sv')).toMatch(/\S/);
        expect(hintMessage(code, 'pending', { qr }, 'en')).toMatch(/\S/);
      }
    }
    for (const code of FAILED_HINT_CODES) {
      expect(hintMessageId(code, 'failed', { qr: true })).not.toBe('RFA22');
      expect(hintMessage(code, 'failed', { qr: true }, 'en')).toMatch(/\S/);
    }
    for (const code of ERROR_CODES) expect(errorMessage(code, 'en')).toMatch(/\S/);
    for (const [id, texts] of Object.entries(BANKID_USER_MESSAGES) as Array<[string, { sv: string; en: string }]>) {
      expect([id, texts.sv === texts.en]).toEqual([id, false]);
    }
  });

  it('maps API errors', () => {
    expect(errorMessageSv('alreadyInProgress')).toBe(
      'En identifiering eller underskrift för det här personnumret är redan påbörjad. Försök igen.',
    );
    expect(errorMessageSv('internalError')).toBe('Internt tekniskt fel. Försök igen.');
    expect(errorMessageSv('maintenance')).toBe('Internt tekniskt fel. Försök igen.');
    expect(errorMessageSv('invalidParameters')).toBe('Okänt fel. Försök igen.');
    expect(errorMessage('alreadyInProgress', 'en')).toMatch(/already started/);
  });
});
