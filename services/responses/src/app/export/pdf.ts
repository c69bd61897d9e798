import PDFDocument from 'pdfkit';

type Texts = { sv: string | null; en: string | null };

/** An answer as the answer view shows it (structurally the same as answer-view.service's AnswerShown). */
export type ShownAnswer =
  | { kind: 'option'; options: { id: string; label: Texts }[] }
  | { kind: 'options'; options: { id: string; label: Texts }[] }
  | { kind: 'text'; text: string }
  | { kind: 'flag'; on: boolean }
  | { kind: 'declined' };

/** What the PDF needs of the caseworker's answer view (see answer-view.service ResponseCaseView). */
export interface ExportableView {
  invitationId: string;
  occasion: number;
  submittedAt: string | null;
  questionnaireVersionId: string;
  wantsToTalk: { questionId: string; area: string; text: Texts }[];
  alerts: { questionId: string; raisedAt: string; acknowledgedAt: string | null; question?: Texts | null }[];
  areas: {
    id: string;
    title: Texts;
    questions: {
      questionId: string;
      text: Texts;
      answer: ShownAnswer | null;
      wantsToTalk: boolean;
      safety: boolean;
      trend: { occasion: number; submittedAt: string; answer: ShownAnswer | null }[];
    }[];
  }[];
}

export interface ExportMetadata {
  /** Questionnaire key and version number, e.g. default-12-18 v1 (null when unknown). */
  questionnaire: { key: string; version: number } | null;
  invitationCreatedAt: string | null;
  exportedAt: string;
  exportedBy: { ref: string; name: string | null };
}

const TZ = 'Europe/Stockholm';
const dateTime = (iso: string | null) =>
  iso ? new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'short', timeZone: TZ }).format(new Date(iso)) : '–';
const date = (iso: string) => new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: TZ }).format(new Date(iso));
const sv = (t: Texts | null | undefined) => t?.sv ?? t?.en ?? '';

/** An answer in Swedish words, one line. */
export function answerText(a: ShownAnswer | null): string {
  if (!a) return 'Inget svar';
  switch (a.kind) {
    case 'option':
    case 'options':
      return a.options.map((o) => sv(o.label) || o.id).join(', ');
    case 'text':
      return a.text;
    case 'flag':
      return a.on ? 'Ja' : 'Nej';
    case 'declined':
      return 'Vill inte svara';
  }
}

/**
 * The case-file PDF of a child's answers, in Swedish: title, what it is (invitation,
 * occasion, questionnaire version, dates, who exported), "vill prata" and safety alerts
 * first, then every area with each answer and its trend over earlier occasions.
 * Standard PDF font (Helvetica, WinAnsi covers å ä ö); no images.
 */
export function renderResponsePdf(view: ExportableView, meta: ExportMetadata, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: opts.compress ?? true,
    bufferPages: true,
    lang: 'sv-SE',
    info: {
      Title: 'Barnets svar – Delaktig',
      Author: 'Delaktig',
      Subject: `Inbjudan ${view.invitationId}, tillfälle ${view.occasion}`,
      CreationDate: new Date(meta.exportedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (text: string, size = 14) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(size).fillColor('#000000').text(text);
    doc.moveDown(0.3).font('Helvetica').fontSize(11);
  };
  const row = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(10).text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  };

  doc.font('Helvetica-Bold').fontSize(20).text('Barnets svar');
  doc.font('Helvetica').fontSize(10).fillColor('#444444').text('Delaktig – underlag för samtal och akt. Innehåller uppgifter om ett barn: hanteras enligt sekretess.');
  doc.fillColor('#000000').moveDown(0.6);
  row('Inbjudan', view.invitationId);
  row('Tillfälle', String(view.occasion));
  row('Frågeformulär', meta.questionnaire ? `${meta.questionnaire.key}, version ${meta.questionnaire.version}` : view.questionnaireVersionId);
  row('Versions-id', view.questionnaireVersionId);
  if (meta.invitationCreatedAt) row('Inbjudan skapad', dateTime(meta.invitationCreatedAt));
  row('Svaren skickades', dateTime(view.submittedAt));
  row('Exporterad', dateTime(meta.exportedAt));
  row('Exporterad av', meta.exportedBy.name ? `${meta.exportedBy.name} (${meta.exportedBy.ref})` : meta.exportedBy.ref);

  heading('Barnet vill prata om');
  if (view.wantsToTalk.length === 0) doc.text('Inget markerat.');
  for (const w of view.wantsToTalk) doc.text(`• ${sv(w.text) || w.questionId}`);

  heading('Säkerhetslarm');
  if (view.alerts.length === 0) doc.text('Inga larm.');
  for (const a of view.alerts) {
    const q = view.areas.flatMap((ar) => ar.questions).find((x) => x.questionId === a.questionId);
    const status = a.acknowledgedAt ? `kvitterat ${dateTime(a.acknowledgedAt)}` : 'inte kvitterat';
    doc.text(`• ${sv(q?.text ?? a.question) || a.questionId} – larm ${dateTime(a.raisedAt)}, ${status}`);
  }

  heading('Svar per område', 16);
  for (const area of view.areas) {
    heading(sv(area.title) || area.id, 13);
    for (const q of area.questions) {
      const marks = [q.safety ? 'LARM' : null, q.wantsToTalk ? 'Vill prata' : null].filter(Boolean).join(' · ');
      doc.font('Helvetica-Bold').fontSize(11).text(sv(q.text) || q.questionId);
      doc.font('Helvetica').fontSize(11).text(`Svar: ${answerText(q.answer)}${marks ? `   [${marks}]` : ''}`, { indent: 12 });
      if (q.trend.length) {
        const earlier = q.trend.map((t) => `tillfälle ${t.occasion} (${date(t.submittedAt)}): ${answerText(t.answer)}`).join('; ');
        doc.fillColor('#444444').fontSize(10).text(`Tidigare: ${earlier}`, { indent: 12 }).fillColor('#000000');
      }
      doc.moveDown(0.4);
    }
  }

  // Footer on every page: page number and the export stamp.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#444444')
      .text(`Sida ${i + 1} av ${range.count} · Exporterad ${dateTime(meta.exportedAt)}`, 56, doc.page.height - 40, { width: doc.page.width - 112, align: 'center' });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
