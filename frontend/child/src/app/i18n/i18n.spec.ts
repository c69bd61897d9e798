import { LOADERS, NATIVE_NAMES, SPEECH_LANG, fill, loadStrings, sv } from './index';
import { LOCALES } from '../flow';

const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(',');

describe('child app texts', () => {
  it('has every text in all seven languages, none empty, with the same placeholders as Swedish', async () => {
    expect(Object.keys(LOADERS).sort()).toEqual(LOCALES.filter((l) => l !== 'sv').sort());
    for (const locale of LOCALES) {
      const strings = await loadStrings(locale);
      expect(Object.keys(strings).sort()).toEqual(Object.keys(sv).sort());
      for (const [key, value] of Object.entries(strings)) {
        expect(`${locale}.${key}: ${value.trim() ? 'ok' : 'empty'}`).toBe(`${locale}.${key}: ok`);
        expect(`${locale}.${key}: ${placeholders(value)}`).toBe(`${locale}.${key}: ${placeholders(sv[key as keyof typeof sv])}`);
      }
      expect(NATIVE_NAMES[locale]).toBeTruthy();
      expect(SPEECH_LANG[locale].startsWith(locale)).toBe(true);
    }
  });

  it('keeps the page title neutral in every language', async () => {
    for (const locale of LOCALES) {
      const { title } = await loadStrings(locale);
      expect(title.toLowerCase()).not.toMatch(/social|soci|barn|child|delaktig/);
    }
    expect(sv.title).toBe('Enkät');
  });

  it('fills placeholders', () => {
    expect(fill(sv.codeWrong, { n: 3 })).toBe('Koden stämmer inte. Du kan försöka 3 gånger till.');
    expect(sv.codeWrongLast).toBe('Koden stämmer inte. Du kan försöka en gång till.'); // not "1 gånger"
    expect(fill('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});
