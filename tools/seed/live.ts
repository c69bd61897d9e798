import type { ChildLanguage, Gender, InvolvementRating } from '../../libs/contracts/src/lib/answers';
import type { AgeBand } from '../../libs/contracts/src/lib/http';
import type { QuestionnaireContent } from '../../libs/contracts/src/lib/questionnaire';
import { generateAnswers } from './answers';
import type { SeedEnv } from './env';
import { Gateway, waitUntil } from './http';
import { Rng, uuidFrom } from './ids';

/**
 * The live part of the demo: the demo caseworkers create invitations through the public
 * gateway, the messages go out through the SMS simulator and maildev, and the children open
 * their link with the code, answer, and read and rate the feedback, all through the child API,
 * so every event, status, statistic and audit entry is the real one. Some invitations stay
 * unanswered (and one half-answered) so that the start page has open invitations.
 */

interface Occasion {
  /** How things are for the child at this occasion (0 … 1). */
  wellbeing: number;
  /** What the child does: answer and submit, answer half (draft), or nothing yet. */
  does: 'submit' | 'draft' | 'nothing';
  /** The caseworker's feedback (återkoppling), and the child's rating of it. */
  feedback?: { text: string; rating: InvolvementRating };
  meetingInDays?: number;
  /** Questions the child marks "I want to talk about this" (when shown), and so their area's talk flag. */
  talk?: string[];
}

interface DemoChild {
  caseReference: string;
  age: number;
  ageBand: AgeBand;
  gender: Gender;
  language: ChildLanguage;
  channel: 'sms' | 'email';
  /** 070-123 45 6x or an e-mail address. */
  contact: string;
  discreet: boolean;
  occasions: Occasion[];
}

interface DemoCaseworker {
  username: string;
  /** Prefix shared by this caseworker's demo case references: finding one means the demo is there. */
  marker: string;
  children: DemoChild[];
}

export const DEMO_CASEWORKERS: readonly DemoCaseworker[] = [
  {
    username: 'handlaggare.skarpnack',
    marker: 'SKA-2026-01',
    children: [
      {
        caseReference: 'SKA-2026-0141',
        age: 8,
        ageBand: '6-11',
        gender: 'girl',
        language: 'sv',
        channel: 'sms',
        contact: '070-123 45 61',
        discreet: true,
        occasions: [
          {
            wellbeing: 0.42,
            does: 'submit',
            talk: ['school-like'],
            feedback: {
              text: 'Tack för att du svarade på frågorna och berättade om skolan. Det du sa gjorde att vi har träffat din lärare och din mamma. Nu får du hjälp med läxorna på fritids två dagar i veckan.',
              rating: '4',
            },
          },
          { wellbeing: 0.58, does: 'submit', meetingInDays: 6 },
        ],
      },
      {
        caseReference: 'SKA-2026-0157',
        age: 14,
        ageBand: '12-18',
        gender: 'boy',
        language: 'sv',
        channel: 'email',
        contact: 'elev.0157@example.se',
        discreet: true,
        occasions: [
          {
            wellbeing: 0.5,
            does: 'submit',
            talk: ['leisure-activities', 'school-like'],
            feedback: {
              text: 'Tack för att du var med. Du berättade att du inte kan gå på fotbollen för att det kostar för mycket. Det gjorde att vi har ordnat ett fritidskort, så du kan börja träna igen efter jul.',
              rating: '5',
            },
          },
        ],
      },
      {
        caseReference: 'SKA-2026-0163',
        age: 10,
        ageBand: '6-11',
        gender: 'boy',
        language: 'ar',
        channel: 'sms',
        contact: '070-123 45 63',
        discreet: true,
        occasions: [{ wellbeing: 0.66, does: 'submit', meetingInDays: 3 }],
      },
      {
        caseReference: 'SKA-2026-0178',
        age: 16,
        ageBand: '12-18',
        gender: 'girl',
        language: 'sv',
        channel: 'sms',
        contact: '070-123 45 64',
        discreet: false,
        occasions: [{ wellbeing: 0.38, does: 'draft', meetingInDays: 8 }],
      },
      {
        caseReference: 'SKA-2026-0182',
        age: 12,
        ageBand: '12-18',
        gender: 'not-stated',
        language: 'sv',
        channel: 'email',
        contact: 'ung.0182@example.se',
        discreet: true,
        occasions: [{ wellbeing: 0.6, does: 'nothing', meetingInDays: 10 }],
      },
    ],
  },
  {
    username: 'handlaggare.norrmalm',
    marker: 'NOR-2026-00',
    children: [
      {
        caseReference: 'NOR-2026-0032',
        age: 16,
        ageBand: '12-18',
        gender: 'girl',
        language: 'sv',
        channel: 'sms',
        contact: '070-123 45 66',
        discreet: true,
        occasions: [
          {
            wellbeing: 0.4,
            does: 'submit',
            talk: ['health-sad', 'leisure-rested'],
            feedback: {
              text: 'Tack för att du svarade så ärligt. Du skrev att du sover dåligt och ofta är orolig. Det gjorde att du nu har en tid hos ungdomsmottagningens kurator, och vi ses igen om en månad för att höra hur det går.',
              rating: '3',
            },
          },
        ],
      },
      {
        caseReference: 'NOR-2026-0047',
        age: 7,
        ageBand: '6-11',
        gender: 'boy',
        language: 'sv',
        channel: 'email',
        contact: 'familjen.0047@example.se',
        discreet: true,
        occasions: [{ wellbeing: 0.7, does: 'submit', meetingInDays: 4 }],
      },
      {
        caseReference: 'NOR-2026-0051',
        age: 13,
        ageBand: '12-18',
        gender: 'other',
        language: 'en',
        channel: 'sms',
        contact: '070-123 45 68',
        discreet: true,
        occasions: [{ wellbeing: 0.55, does: 'nothing', meetingInDays: 12 }],
      },
    ],
  },
];

export interface LiveSummary {
  username: string;
  districtId: string;
  skipped: boolean;
  invitations: number;
  submitted: number;
  feedback: number;
}

/** Link tokens already used, so a later message to the same child (a feedback notice) is never taken for a new invitation. */
const usedLinks = new Set<string>();
let ipSeq = 0;

export async function runLive(env: SeedEnv, tokenOf: (username: string) => Promise<string>, log: (line: string) => void): Promise<LiveSummary[]> {
  const gw = new Gateway(env.gateway);
  return Promise.all(DEMO_CASEWORKERS.map((cw) => runCaseworker(env, gw, cw, tokenOf, log)));
}

async function runCaseworker(env: SeedEnv, gw: Gateway, cw: DemoCaseworker, tokenOf: (u: string) => Promise<string>, log: (line: string) => void): Promise<LiveSummary> {
  const token = await tokenOf(cw.username);
  const me = await gw.must('GET', '/api/v1/me', { token });
  const summary: LiveSummary = { username: cw.username, districtId: me.districtId, skipped: false, invitations: 0, submitted: 0, feedback: 0 };
  const demoRefs = new Set(cw.children.map((c) => c.caseReference));
  const existing = await gw.must('GET', `/api/v1/invitations?q=${encodeURIComponent(cw.marker)}`, { token });
  const already = (existing.items as { caseReference: string }[]).filter((i) => demoRefs.has(i.caseReference));
  if (already.length > 0) {
    log(`${cw.username}: has the demo invitations already (${already.length}); nothing added`);
    return { ...summary, skipped: true, invitations: already.length };
  }
  for (const child of cw.children) {
    for (const [i, occasion] of child.occasions.entries()) {
      const done = await childOccasion(env, gw, token, child, i + 1, occasion);
      summary.invitations++;
      if (done.submitted) summary.submitted++;
      if (done.feedback) summary.feedback++;
    }
  }
  log(`${cw.username}: ${summary.invitations} invitations through the gateway, ${summary.submitted} answered by the child, ${summary.feedback} with feedback`);
  return summary;
}

async function childOccasion(env: SeedEnv, gw: Gateway, token: string, child: DemoChild, number: number, occasion: Occasion) {
  const year = new Date().getUTCFullYear();
  const body: Record<string, unknown> = {
    caseReference: child.caseReference,
    birthYear: year - child.age,
    ageBand: child.ageBand,
    gender: child.gender,
    language: child.language,
    channel: child.channel,
    [child.channel === 'sms' ? 'phone' : 'email']: child.contact,
    discreet: child.discreet,
  };
  if (occasion.meetingInDays) body['meetingDate'] = new Date(Date.now() + occasion.meetingInDays * 86_400_000).toISOString().slice(0, 10);
  const since = Date.now() - 2_000;
  const created = await gw.must('POST', '/api/v1/invitations', { token, body });
  const invitation = created.invitation as { id: string; occasion: number };
  if (invitation.occasion !== number) throw new Error(`${child.caseReference}: expected occasion ${number}, the invitation has ${invitation.occasion}`);
  if (occasion.does === 'nothing') return { submitted: false, feedback: false };

  // The child: the link from the message, the code from the caseworker.
  const link = await linkSentTo(env, child, since);
  const ip = `10.199.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;
  const session = await waitUntil(`a child session for ${child.caseReference}`, 30_000, async () => {
    const r = await gw.call('POST', '/api/v1/child/session', { body: { token: link, code: created.code }, headers: { 'x-forwarded-for': ip } });
    if (r.status === 201) return r.body as { sessionToken: string };
    // 404 until identity has activated the code (InvitationCreated through Kafka).
    if (r.status !== 404) throw new Error(`POST /api/v1/child/session: ${r.status} ${JSON.stringify(r.body)}`);
    return undefined;
  });
  const childToken = session.sessionToken;
  const q = await gw.must('GET', '/api/v1/child/questionnaire', { token: childToken });
  const rng = new Rng(`live/${child.caseReference}/${number}`);
  const content = q.content as QuestionnaireContent;
  const answers = generateAnswers(content, { gender: child.gender, ageBand: child.ageBand, language: child.language, wellbeing: occasion.wellbeing, occasion: number }, rng);
  for (const questionId of occasion.talk ?? []) {
    const a = answers.find((x) => x.questionId === questionId);
    const area = content.areas.find((ar) => ar.questions.some((x) => x.id === questionId));
    const flag = answers.find((x) => area && x.questionId === area.questions[area.questions.length - 1]?.id);
    if (a) a.wantsToTalk = true;
    if (a && flag?.value.kind === 'flag') flag.value = { kind: 'flag', on: true };
  }

  // Answered in two sittings: the first half is kept as a draft, then the rest.
  const half = answers.slice(0, Math.ceil(answers.length / 2));
  await gw.must('PUT', '/api/v1/child/response/draft', { token: childToken, body: { answers: half, position: answers[half.length]?.questionId ?? null } });
  if (occasion.does === 'draft') return { submitted: false, feedback: false };
  await gw.must('POST', '/api/v1/child/response/submit', {
    token: childToken,
    body: { answers },
    headers: { 'idempotency-key': uuidFrom(`live-submit/${child.caseReference}/${number}`) },
  });

  // The caseworker reads the answers (an audited read) and, after the meeting, gives feedback.
  await waitUntil(`the answers of ${child.caseReference} for the caseworker`, 15_000, async () => {
    const r = await gw.call('GET', `/api/v1/invitations/${invitation.id}/response`, { token });
    return r.status === 200 ? true : undefined;
  });
  if (!occasion.feedback) return { submitted: true, feedback: false };
  await gw.must('POST', `/api/v1/invitations/${invitation.id}/feedback`, { token, body: { text: occasion.feedback.text, templateKey: 'what-it-led-to' } });
  // The child reads it behind the same code and says how involved they felt.
  await gw.must('GET', '/api/v1/child/feedback', { token: childToken });
  await gw.must('POST', '/api/v1/child/feedback/rating', { token: childToken, body: { rating: occasion.feedback.rating } });
  return { submitted: true, feedback: true };
}

/** The link token of the first message to the child since `since` (SMS simulator or maildev) that is not one already used. */
async function linkSentTo(env: SeedEnv, child: DemoChild, since: number): Promise<string> {
  const linkIn = (text: string) => /#\/i\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  const token = await waitUntil(`the ${child.channel === 'sms' ? 'SMS' : 'e-mail'} to ${child.contact}`, 30_000, async () => {
    let texts: { at: number; text: string }[];
    if (child.channel === 'sms') {
      const to = `+46${child.contact.replace(/\D/g, '').slice(1)}`;
      const r = await fetch(`${env.smsSimulator}/sim/messages?to=${encodeURIComponent(to)}`);
      texts = ((await r.json()) as { items: { created: string; message: string }[] }).items.map((m) => ({ at: Date.parse(m.created), text: m.message }));
    } else {
      const r = await fetch(`${env.maildev}/api/email`);
      // maildev keeps its mails across restarts: `time` (whole seconds) tells this run's from earlier ones.
      const mails = (await r.json()) as { to?: { address: string }[]; time?: string; text?: string }[];
      texts = mails
        .filter((m) => (m.to ?? []).some((t) => t.address === child.contact))
        .map((m) => ({ at: Date.parse(m.time ?? '') || 0, text: m.text ?? '' }));
    }
    return texts
      .filter((m) => m.at >= since)
      .map((m) => linkIn(m.text))
      .find((t): t is string => !!t && !usedLinks.has(t));
  });
  usedLinks.add(token);
  return token;
}
