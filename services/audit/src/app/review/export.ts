import { writeToBuffer } from '@fast-csv/format';
import PDFDocument from 'pdfkit';
import type { Flag } from './flags';
import type { FlagReview, ReviewEntry } from './review.service';

export interface ReviewExport {
  exportedAt: string;
  exportedBy: string;
  scope: string;
  filter: string;
  timeZone: string;
  /** Staff id -> display name, where known. */
  names: Record<string, string>;
  entries: ReviewEntry[];
  flags: (Flag & { review: FlagReview | null })[];
}

export const ACTION_SV: Record<string, string> = {
  'response.view': 'Läste svaren',
  'response.conversation': 'Samtalsvy med barnet',
  'response.export-pdf': 'Exporterade svaren (PDF)',
  'response.export-json': 'Exporterade svaren (JSON)',
};
export const FLAG_SV: Record<string, string> = {
  'outside-own': 'Utanför egna inbjudningar',
  'many-children': 'Många barn på kort tid',
  'off-hours': 'Utanför kontorstid',
  'after-closed': 'Efter att ärendet avslutats',
  sample: 'Stickprov',
};
export const STATUS_SV: Record<string, string> = { open: 'Ej granskad', 'in-review': 'Under granskning', justified: 'Befogad', reported: 'Obefogad – rapporterad' };

const who = (id: string, x: ReviewExport) => (x.names[id] ? `${x.names[id]} (${id})` : id);
const when = (iso: string, timeZone: string) => new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'medium', timeZone }).format(new Date(iso));

/** A spreadsheet would run a cell starting with = + - @ as a formula: such text gets a leading apostrophe. */
const cell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

function entryFlags(e: ReviewEntry, x: ReviewExport): { kinds: string; statuses: string; comments: string } {
  const mine = x.flags.filter((f) => f.entryIds.includes(e.id));
  const sampled = e.flags.filter((f) => f.kind === 'sample');
  const all = [...mine.map((f) => ({ kind: f.kind, status: f.review?.status ?? 'open', comment: f.review?.comment ?? '' })), ...sampled.map((f) => ({ kind: f.kind, status: f.status, comment: '' }))];
  return {
    kinds: all.map((f) => FLAG_SV[f.kind] ?? f.kind).join(', '),
    statuses: all.map((f) => STATUS_SV[f.status] ?? f.status).join(', '),
    comments: all.map((f) => f.comment).filter(Boolean).join(' | '),
  };
}

/** The review as CSV (RFC 4180 quoting by fast-csv; semicolons and a BOM as Swedish spreadsheets expect). */
export async function reviewCsv(x: ReviewExport): Promise<Buffer> {
  const header = ['Löpnummer', 'Tid', 'Stadsdel', 'Person', 'Åtgärd', 'Objekttyp', 'Objekt', 'Inbjudan skapad av', 'Flaggor', 'Granskningsstatus', 'Kommentar'];
  const rows = x.entries.map((e) => {
    const f = entryFlags(e, x);
    return [e.seq, when(e.occurredAt, x.timeZone), e.districtId, who(e.actor, x), ACTION_SV[e.action] ? `${ACTION_SV[e.action]} (${e.action})` : e.action, e.objectType, e.objectId, e.invitation ? who(e.invitation.createdBy, x) : '', f.kinds, f.statuses, f.comments].map((v) => cell(String(v)));
  });
  return writeToBuffer([header, ...rows], { delimiter: ';', quoteColumns: true, writeBOM: true, rowDelimiter: '\r\n' });
}

/** The review as a PDF: who exported what and when, the flags with their review, then the entries. */
export function reviewPdf(x: ReviewExport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 40, bufferPages: true, lang: 'sv-SE', info: { Title: 'Logguppföljning – Delaktig', Author: 'Delaktig' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).text('Logguppföljning');
  doc.font('Helvetica').fontSize(9).fillColor('#444444').text('Delaktig – granskning av åtkomst till barns uppgifter. Innehåller uppgifter om barn: hanteras enligt sekretess.');
  doc.fillColor('#000000').moveDown(0.5).fontSize(10);
  doc.text(`Exporterad: ${when(x.exportedAt, x.timeZone)} av ${x.exportedBy}`);
  doc.text(`Omfattning: ${x.scope}`);
  doc.text(`Urval: ${x.filter || 'inget'}`);
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(`Flaggor (${x.flags.length})`);
  doc.font('Helvetica').fontSize(9);
  if (!x.flags.length) doc.text('Inga flaggor i urvalet.');
  for (const f of x.flags) {
    const r = f.review;
    doc.text(
      `${when(f.occurredAt, x.timeZone)}  ${FLAG_SV[f.kind] ?? f.kind}  –  ${who(f.actor, x)}  –  ${f.invitationIds.length} inbjudan/inbjudningar  –  ${STATUS_SV[r?.status ?? 'open']}${r?.comment ? `: ${r.comment}` : ''}${r ? ` (${who(r.reviewedBy, x)}, ${when(r.reviewedAt, x.timeZone)})` : ''}`,
    );
  }
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(`Poster (${x.entries.length})`);
  doc.font('Helvetica').fontSize(8);
  if (!x.entries.length) doc.text('Inga poster i urvalet.');
  for (const e of x.entries) {
    const f = entryFlags(e, x);
    doc.text(`${e.seq}  ${when(e.occurredAt, x.timeZone)}  ${e.districtId}  ${who(e.actor, x)}  ${ACTION_SV[e.action] ?? e.action}  ${e.objectType} ${e.objectId}${f.kinds ? `  [${f.kinds}: ${f.statuses}]` : ''}`);
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc.fontSize(8).fillColor('#444444').text(`Sida ${i + 1} av ${range.count}`, 40, doc.page.height - 30, { lineBreak: false });
  }
  doc.end();
  return done;
}
