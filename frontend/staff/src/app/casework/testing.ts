import { ActivatedRoute, convertToParamMap } from '@angular/router';
import { of } from 'rxjs';
import { ResponseCaseView } from './casework-api';

export const INVITATION_ID = '11111111-2222-4333-8444-555555555555';

export const routeWithId = (id = INVITATION_ID) => ({ provide: ActivatedRoute, useValue: { paramMap: of(convertToParamMap({ id })) } });

const t = (sv: string, en = sv) => ({ sv, en });

/** A submitted response: a safety alert on home-safe, "want to talk" on school-friends, a trend from occasion 1. */
export function sampleView(): ResponseCaseView {
  return {
    invitationId: INVITATION_ID,
    occasion: 2,
    status: 'submitted',
    submittedAt: '2026-11-20T10:00:00Z',
    questionnaireVersionId: '99999999-2222-4333-8444-555555555555',
    wantsToTalk: [{ questionId: 'school-friends', area: 'school', text: t('Har du kompisar i skolan?', 'Do you have friends at school?') }],
    alerts: [
      {
        id: 'aaaaaaaa-2222-4333-8444-555555555555',
        invitationId: INVITATION_ID,
        questionId: 'home-safe',
        question: t('Känner du dig trygg hemma?', 'Do you feel safe at home?'),
        caseworker: 'cw',
        raisedAt: '2026-11-20T10:00:00Z',
        acknowledgedAt: null,
        acknowledgedBy: null,
        escalatedAt: null,
        escalated: false,
      },
    ],
    areas: [
      {
        id: 'home',
        title: t('Hemma', 'Home'),
        questions: [
          {
            questionId: 'home-safe',
            type: 'scale-3',
            text: t('Känner du dig trygg hemma?', 'Do you feel safe at home?'),
            answer: { kind: 'option', options: [{ id: 'no', label: t('Nej', 'No'), icon: null }] },
            wantsToTalk: false,
            safety: true,
            trend: [{ occasion: 1, submittedAt: '2026-05-01T10:00:00Z', answer: { kind: 'option', options: [{ id: 'yes', label: t('Ja', 'Yes'), icon: null }] } }],
          },
        ],
      },
      {
        id: 'school',
        title: t('Skolan', 'School'),
        questions: [
          {
            questionId: 'school-friends',
            type: 'yes-no',
            text: t('Har du kompisar i skolan?', 'Do you have friends at school?'),
            answer: { kind: 'declined' },
            wantsToTalk: true,
            safety: false,
            trend: [],
          },
        ],
      },
    ],
  };
}
