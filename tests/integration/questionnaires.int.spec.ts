import { api, tokenFor, validInvitation, waitFor, withDb } from './support/api';

/**
 * Questionnaires: the default versions are seeded and published at start-up; the central
 * office drafts and publishes new immutable versions (audited); district staff can read
 * published versions but never edit; new invitations record the version the child answers.
 */
describe('questionnaires: templates, drafts, immutable published versions', () => {
  let analyst: string;
  let caseworker: string;
  let districtAdmin: string;
  let centralAuditor: string;

  beforeAll(async () => {
    [analyst, caseworker, districtAdmin, centralAuditor] = await Promise.all([
      tokenFor('analytiker.central'),
      tokenFor('handlaggare.skarpnack'),
      tokenFor('admin.skarpnack'),
      tokenFor('revisor.central'),
    ]);
  });

  async function template(key: string, token = analyst) {
    const r = await api('GET', '/api/v1/questionnaires', { token });
    expect(r.status).toBe(200);
    const t = (r.body.items as any[]).find((i) => i.key === key);
    expect(t).toBeDefined();
    return t;
  }

  async function latestContent(key: string) {
    const r = await api('GET', `/api/v1/questionnaires/${key}/versions/latest`, { token: analyst });
    expect(r.status).toBe(200);
    return r.body;
  }

  it('lists both default questionnaires as published to every staff role, with their content', async () => {
    for (const token of [caseworker, districtAdmin, analyst]) {
      const r = await api('GET', '/api/v1/questionnaires', { token });
      expect(r.status).toBe(200);
      const byKey = Object.fromEntries((r.body.items as any[]).map((t) => [t.key, t]));
      expect(byKey['default-6-11']).toMatchObject({ ageBand: '6-11', latestPublished: { status: 'published', version: expect.any(Number) } });
      expect(byKey['default-12-18']).toMatchObject({ ageBand: '12-18', latestPublished: { status: 'published', version: expect.any(Number) } });
      expect(byKey['default-6-11'].versions.find((v: any) => v.version === 1)).toMatchObject({ publishedBy: 'system', contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
    const t = await template('default-12-18', caseworker);
    const v1 = await api('GET', `/api/v1/questionnaires/${t.id}/versions/1`, { token: caseworker });
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ templateId: t.id, version: 1, status: 'published', ageBand: '12-18', missingForPublishing: [] });
    expect(v1.body.content.areas.map((a: any) => a.id)).toEqual(['home', 'school', 'leisure', 'health', 'social-services', 'about-answering']);
    expect(v1.body.content.intro.sv.text).toMatch(/socialsekreterare/);
  });

  it('does not let district staff edit or publish', async () => {
    const content = (await latestContent('default-6-11')).content;
    for (const token of [caseworker, districtAdmin]) {
      const put = await api('PUT', '/api/v1/questionnaires/default-6-11/draft', { token, body: content });
      expect(put.status).toBe(403);
      expect(put.body.code).toBe('FORBIDDEN');
      const pub = await api('POST', '/api/v1/questionnaires/default-6-11/publish', { token });
      expect(pub.status).toBe(403);
    }
  });

  it('refuses an invalid draft with 400 naming each bad path and reason', async () => {
    const content = structuredClone((await latestContent('default-6-11')).content);
    content.areas[0].questions[1].showWhen = { questionId: 'does-not-exist', anyOf: ['yes'] };
    content.areas[1].questions[0].steps = 5;
    const r = await api('PUT', '/api/v1/questionnaires/default-6-11/draft', { token: analyst, body: content });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'areas.0.questions.1.showWhen.questionId', reason: 'refers to an unknown question does-not-exist' },
        { field: 'areas.1.questions.0.steps', reason: 'must be 3 for age band 6-11' },
      ]),
    );

    const structural = structuredClone(content);
    delete structural.areas[1].questions[0].steps;
    structural.areas[0].questions[0].safety = true;
    const s = await api('PUT', '/api/v1/questionnaires/default-6-11/draft', { token: analyst, body: structural });
    expect(s.status).toBe(400);
    expect(s.body.errors).toEqual(expect.arrayContaining([{ field: 'areas.0.questions.0.safety', reason: 'safety may only be set on an answer option' }]));

    const wrongBand = await api('PUT', '/api/v1/questionnaires/default-12-18/draft', { token: analyst, body: (await latestContent('default-6-11')).content });
    expect(wrongBand.status).toBe(400);
    expect(wrongBand.body.errors).toEqual([expect.objectContaining({ field: 'ageBand' })]);
  });

  it('publishes a complete draft as the next immutable version, audited for the central office, used by new invitations', async () => {
    const before = await template('default-6-11');
    const latest = await latestContent('default-6-11');
    const next = before.versions[0].status === 'draft' ? before.versions[0].version : latest.version + 1;

    // A draft missing an English text is saved, but cannot be published.
    const content = structuredClone(latest.content);
    content.areas[0].questions[0].text.sv.text = `Känner du dig trygg där du bor? (${Date.now()})`;
    delete content.areas[0].questions[0].text.en;
    const incomplete = await api('PUT', '/api/v1/questionnaires/default-6-11/draft', { token: analyst, body: content });
    expect(incomplete.status).toBe(200);
    expect(incomplete.body).toMatchObject({ status: 'draft', version: next, publishedAt: null });
    expect(incomplete.body.missingForPublishing).toEqual([{ path: 'areas.0.questions.0.text.en', message: 'is missing; required for publishing' }]);
    const refused = await api('POST', '/api/v1/questionnaires/default-6-11/publish', { token: analyst });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'areas.0.questions.0.text.en', reason: 'is missing; required for publishing' }]);

    // The draft is the central office's: district staff see neither it nor its content.
    const hidden = await api('GET', `/api/v1/questionnaires/default-6-11/versions/${next}`, { token: caseworker });
    expect(hidden.status).toBe(404);
    expect((await template('default-6-11', caseworker)).versions.every((v: any) => v.status === 'published')).toBe(true);
    expect((await template('default-6-11')).versions[0]).toMatchObject({ version: next, status: 'draft' });

    // Completed and saved again (replacing the single draft), it publishes.
    content.areas[0].questions[0].text.en = { text: 'Do you feel safe where you live?' };
    const saved = await api('PUT', '/api/v1/questionnaires/default-6-11/draft', { token: analyst, body: content });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: next, missingForPublishing: [] });
    const published = await api('POST', '/api/v1/questionnaires/default-6-11/publish', { token: analyst });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: next, status: 'published', id: saved.body.id, publishedAt: expect.any(String) });
    expect(published.body.content.areas[0].questions[0].text.sv.text).toBe(content.areas[0].questions[0].text.sv.text);

    const again = await api('POST', '/api/v1/questionnaires/default-6-11/publish', { token: analyst });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');

    // Announced as QuestionnaireVersionPublished v2, carrying the immutable content.
    const event = await withDb('survey-delivery', (db) =>
      db.query<{ type: string; version: number; payload: any }>(`SELECT type, version, payload FROM outbox_event WHERE payload->'data'->>'versionId' = $1`, [published.body.id]),
    );
    expect(event.rows).toHaveLength(1);
    expect(event.rows[0]).toMatchObject({ type: 'QuestionnaireVersionPublished', version: 2 });
    expect(event.rows[0].payload.data).toMatchObject({ version: next, contentSha256: published.body.contentSha256 });
    expect(event.rows[0].payload.data.content.areas[0].questions[0].text.sv.text).toBe(content.areas[0].questions[0].text.sv.text);

    // Audited in the central office's log.
    const entry = await waitFor(
      async () => {
        const r = await api('GET', '/api/v1/audit/entries?districtId=central&limit=200', { token: centralAuditor });
        return (r.body.items as any[]).find((e) => e.objectId === published.body.id);
      },
      10_000,
      'the audit entry of the published version',
    );
    expect(entry).toMatchObject({ action: 'questionnaire.published', objectType: 'questionnaire-version', districtId: 'central' });
    expect(entry.actor).not.toBe('system');

    // A new 6–11 invitation records the version just published.
    const invitation = await api('POST', '/api/v1/invitations', { token: caseworker, body: validInvitation() });
    expect(invitation.status).toBe(201);
    expect(invitation.body.invitation.questionnaireVersionId).toBe(published.body.id);
    const stored = await withDb('survey-delivery', (db) =>
      db.query<{ questionnaire_version_id: string; payload: any }>(
        `SELECT i.questionnaire_version_id, o.payload FROM invitation i JOIN outbox_event o ON o.key = i.id::text WHERE i.id = $1`,
        [invitation.body.invitation.id],
      ),
    );
    expect(stored.rows[0]?.questionnaire_version_id).toBe(published.body.id);
    expect(stored.rows[0]?.payload.data.questionnaireVersionId).toBe(published.body.id);
  });

  it('keeps published versions immutable in the database', async () => {
    await withDb('survey-delivery', async (db) => {
      const { rows } = await db.query<{ id: string }>(`SELECT id FROM questionnaire_version WHERE status = 'published' LIMIT 1`);
      expect(rows).toHaveLength(1);
      await expect(db.query(`UPDATE questionnaire_version SET content = '{}'::jsonb WHERE id = $1`, [rows[0].id])).rejects.toThrow(/published and immutable/);
      await expect(db.query(`UPDATE questionnaire_version SET status = 'draft' WHERE id = $1`, [rows[0].id])).rejects.toThrow(/published and immutable/);
      await expect(db.query(`DELETE FROM questionnaire_version WHERE id = $1`, [rows[0].id])).rejects.toThrow(/published and immutable/);
    });
  });

  it('describes the routes in the OpenAPI document', async () => {
    const r = await api('GET', '/api/docs/openapi.json');
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/questionnaires',
        '/api/v1/questionnaires/{templateId}/versions/{version}',
        '/api/v1/questionnaires/{templateId}/draft',
        '/api/v1/questionnaires/{templateId}/publish',
      ]),
    );
  });

  it('answers unknown questionnaires and versions with 404 and a bad version with 400', async () => {
    expect((await api('GET', '/api/v1/questionnaires/no-such-template/versions/1', { token: caseworker })).status).toBe(404);
    expect((await api('GET', '/api/v1/questionnaires/default-6-11/versions/9999', { token: caseworker })).status).toBe(404);
    const bad = await api('GET', '/api/v1/questionnaires/default-6-11/versions/abc', { token: caseworker });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'version', reason: 'must be a version number (1, 2, …) or latest' }]);
  });
});
