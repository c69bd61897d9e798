import { Pipe, PipeTransform } from '@angular/core';

const LOCALES: Record<string, string> = { sv: 'sv-SE', en: 'en-GB' };

/** Date and time in the UI language, without shipping Angular locale data. */
@Pipe({ name: 'dkDateTime' })
export class DateTimePipe implements PipeTransform {
  transform(value: string | null | undefined, lang: string): string {
    if (!value) return '';
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    return new Intl.DateTimeFormat(LOCALES[lang] ?? lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}
