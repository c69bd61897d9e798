import type { AnswerStatisticsView, StatisticsCell } from '@delaktig/contracts';
import ExcelJS from 'exceljs';

const AREA_SV: Record<string, string> = {
  home: 'Hemma',
  school: 'Skolan',
  leisure: 'Fritiden',
  health: 'Hälsa',
  'social-services': 'Kontakt med socialtjänsten',
  'about-answering': 'Om att svara',
};

/**
 * The answers view as a table of exactly the published numbers (protected cells as "<5"),
 * Swedish headers: one row per question and answer, per group its count and share.
 */
export function exportRows(view: AnswerStatisticsView): (string | number)[][] {
  const header = ['Område', 'Fråga', 'Svar', ...view.groups.flatMap((g) => [`${g.label.sv}: antal`, `${g.label.sv}: andel (%)`])];
  const rows: (string | number)[][] = [header];
  const share = (n: StatisticsCell, of: StatisticsCell): string | number =>
    typeof n === 'number' && typeof of === 'number' && of > 0 ? Math.round((1000 * n) / of) / 10 : '–';
  rows.push(['', 'Inskickade svar', '', ...view.groups.flatMap((g) => [view.responses[g.key] ?? 0, ''])]);
  for (const q of view.questions) {
    const line = (answer: string, pick: (c: AnswerStatisticsView['questions'][number]['cells'][string]) => StatisticsCell, withShare = true) =>
      rows.push([
        AREA_SV[q.area] ?? q.area,
        q.text.sv,
        answer,
        ...view.groups.flatMap((g) => {
          const c = q.cells[g.key];
          const v = c ? pick(c) : 0;
          return [v, withShare && c ? share(v, c.respondents) : ''];
        }),
      ]);
    line('Svarande', (c) => c.respondents, false);
    for (const o of q.options) line(o.label.sv, (c) => c.options[o.optionId] ?? 0);
    line('Vill inte svara', (c) => c.declined);
    line('Vill prata om det', (c) => c.wantsToTalk);
  }
  rows.push([]);
  rows.push([
    `Skydd: alla tal är lätt justerade (högst ±${view.protection.maxDeviation}) och tal under ${view.protection.threshold} visas som <5, så att ingen enskild person kan kännas igen. Summor är egna skyddade tal.`,
  ]);
  rows.push([`Period ${view.from} – ${view.to}, ålder ${view.ageBand}${view.area ? `, område ${view.area}` : ''}${view.gender ? `, kön ${view.gender}` : ''}${view.occasion ? `, tillfälle ${view.occasion}` : ''}.`]);
  return rows;
}

const csvField = (v: string | number): string => {
  const s = String(v);
  // Quote what needs it; a leading =, +, - or @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** CSV as Swedish spreadsheets read it: UTF-8 with BOM, semicolons, decimal point kept as is. */
export function toCsv(view: AnswerStatisticsView): string {
  return '\ufeff' + exportRows(view).map((r) => r.map(csvField).join(';')).join('\r\n') + '\r\n';
}

export async function toXlsx(view: AnswerStatisticsView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Delaktig';
  const ws = wb.addWorksheet('Statistik');
  const rows = exportRows(view);
  ws.addRows(rows);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.getColumn(2).width = 50;
  ws.getColumn(3).width = 28;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
