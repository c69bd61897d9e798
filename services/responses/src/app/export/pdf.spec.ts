import { pdfText as textOf } from '../../testing/pdf-text';
import { answerText, ExportableView, renderResponsePdf } from './pdf';

const t = (sv: string) => ({ sv, en: null });

const view: ExportableView = {
  invitationId: '11111111-2222-4333-8444-555555555555',
  occasion: 2,
  submittedAt: '2026-11-20T10:00:00Z',
  questionnaireVersionId: '99999999-2222-4333-8444-555555555555',
  wantsToTalk: [{ questionId: 'school-like', area: 'school', text: t('Trivs du i skolan?') }],
  alerts: [{ questionId: 'home-safe', raisedAt: '2026-11-20T10:00:00Z', acknowledgedAt: null, question: t('Känner du dig trygg hemma?') }],
  areas: [
    {
      id: 'home',
      title: t('Hemma'),
      questions: [
        {
          questionId: 'home-safe',
          text: t('Känner du dig trygg hemma?'),
          answer: { kind: 'option', options: [{ id: 'sad', label: t('Nej') }] },
          wantsToTalk: false,
          safety: true,
          trend: [{ occasion: 1, submittedAt: '2026-05-01T10:00:00Z', answer: { kind: 'option', options: [{ id: 'happy', label: t('Ja') }] } }],
        },
        { questionId: 'home-words', text: t('Vill du berätta mer?'), answer: { kind: 'text', text: 'Jag är rädd för åskan' }, wantsToTalk: true, safety: false, trend: [] },
      ],
    },
  ],
};

describe('renderResponsePdf', () => {
  it('writes a Swedish case-file document with metadata, alerts, "vill prata", answers and trend', async () => {
    const pdf = await renderResponsePdf(view, {
      questionnaire: { key: 'default-6-11', version: 4 },
      invitationCreatedAt: '2026-11-01T08:00:00Z',
      exportedAt: '2026-11-22T12:30:00Z',
      exportedBy: { ref: 'staff-1', name: 'Anna Andersson' },
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = textOf(pdf);
    for (const expected of [
      'Barnets svar',
      '11111111-2222-4333-8444-555555555555',
      'default-6-11, version 4',
      'Exporterad av',
      'Anna Andersson (staff-1)',
      '22 november 2026 kl. 13:30',
      'Barnet vill prata om',
      '• Trivs du i skolan?',
      'Säkerhetslarm',
      'Känner du dig trygg hemma? – larm 20 november 2026 kl. 11:00, inte kvitterat',
      'Svar: Nej   [LARM]',
      'Tidigare: tillfälle 1 (1 maj 2026): Ja',
      'Svar: Jag är rädd för åskan   [Vill prata]',
      'Sida 1 av 1',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('says answers in Swedish words', () => {
    expect(answerText(null)).toBe('Inget svar');
    expect(answerText({ kind: 'declined' })).toBe('Vill inte svara');
    expect(answerText({ kind: 'flag', on: true })).toBe('Ja');
    expect(answerText({ kind: 'options', options: [{ id: 'a', label: t('Kompisar') }, { id: 'b', label: { sv: null, en: 'Breaks' } }] })).toBe('Kompisar, Breaks');
  });
});
