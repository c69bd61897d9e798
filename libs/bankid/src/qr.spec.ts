import { createHmac } from 'node:crypto';
import { bankIdQrContent, bankIdQrContentAt, isValidBankIdQrAuthCode, parseBankIdQrContent } from './qr';

// BankID's published example (developers.bankid.com, "QR codes").
const TOKEN = '67df3917-fa0d-44e5-b327-edcc928297f8';
const SECRET = 'd28db9a7-4cde-429e-a983-359be676944c';
const VECTORS: Array<[number, string]> = [
  [0, 'dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8'],
  [1, '949d559bf23403952a94d103e67743126381eda00f0b3cbddbf7c96b1adcbce2'],
  [2, 'a9e5ec59cb4eee4ef4117150abc58fad7a85439a6a96ccbecc3668b41795b3f3'],
];

describe('bankIdQrContent', () => {
  it.each(VECTORS)('matches BankID\'s published vector at %i s', (seconds, code) => {
    expect(bankIdQrContent(TOKEN, SECRET, seconds)).toBe(`bankid.${TOKEN}.${seconds}.${code}`);
  });

  it('keys the HMAC with the secret and uses the decimal seconds as message', () => {
    const expected = createHmac('sha256', SECRET).update('17').digest('hex');
    expect(bankIdQrContent(TOKEN, SECRET, 17)).toBe(`bankid.${TOKEN}.17.${expected}`);
  });

  it('rejects negative or fractional seconds', () => {
    expect(() => bankIdQrContent(TOKEN, SECRET, -1)).toThrow(RangeError);
    expect(() => bankIdQrContent(TOKEN, SECRET, 1.5)).toThrow(RangeError);
  });

  it('derives the frame from the order time', () => {
    const created = 1_700_000_000_000;
    expect(bankIdQrContentAt({ qrStartToken: TOKEN, qrStartSecret: SECRET }, created, created + 2_999)).toBe(
      `bankid.${TOKEN}.2.${VECTORS[2][1]}`,
    );
  });

  it('parses and verifies content', () => {
    const parsed = parseBankIdQrContent(bankIdQrContent(TOKEN, SECRET, 1));
    expect(parsed).toEqual({ qrStartToken: TOKEN, seconds: 1, qrAuthCode: VECTORS[1][1] });
    expect(isValidBankIdQrAuthCode(SECRET, 1, VECTORS[1][1])).toBe(true);
    expect(isValidBankIdQrAuthCode(SECRET, 2, VECTORS[1][1])).toBe(false);
    expect(parseBankIdQrContent('https://example.org')).toBeNull();
  });
});
