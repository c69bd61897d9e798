import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, convertToParamMap, provideRouter } from '@angular/router';
import { API, flushMicrotasks, testProviders, text } from '../../testing/providers';
import { Session } from '../core/session';
import { sampleContent } from './model.spec';
import { QuestionnaireEditor } from './questionnaire-editor';
import { TemplateView, VersionView } from './model';

const summary = (version: number, status: 'draft' | 'published') => ({
  id: `00000000-0000-4000-8000-00000000000${version}`,
  version,
  status,
  contentSha256: 'a'.repeat(64),
  createdAt: '2026-11-01T10:00:00Z',
  publishedAt: status === 'published' ? '2026-11-01T10:00:00Z' : null,
  publishedBy: status === 'published' ? 'system' : null,
});
const template = (versions = [summary(1, 'published')]): TemplateView => ({
  id: '10000000-0000-4000-8000-000000000000',
  key: 'default-6-11',
  ageBand: '6-11',
  name: { sv: 'Hur har du det? 6–11 år', en: 'How are things? Ages 6–11' },
  latestPublished: versions.find((v) => v.status === 'published') ?? null,
  versions,
});
const versionView = (version: number, status: 'draft' | 'published', missing: VersionView['missingForPublishing'] = []): VersionView => ({
  ...summary(version, status),
  templateId: '10000000-0000-4000-8000-000000000000',
  key: 'default-6-11',
  ageBand: '6-11',
  content: sampleContent(),
  warnings: [],
  missingForPublishing: missing,
});

async function setup(roles: string[], params: Record<string, string>) {
  TestBed.configureTestingModule({
    imports: [QuestionnaireEditor],
    providers: [...testProviders(), provideRouter([]), { provide: ActivatedRoute, useValue: { snapshot: { paramMap: convertToParamMap(params) } } }],
  });
  TestBed.inject(Session).me.set({ subject: 's', name: 'Ann', districtId: 'central', districtName: 'Socialförvaltningen', unit: null, roles });
  const backend = TestBed.inject(HttpTestingController);
  const fixture: ComponentFixture<QuestionnaireEditor> = TestBed.createComponent(QuestionnaireEditor);
  await fixture.whenStable();
  await flushMicrotasks();
  return { fixture, backend, host: fixture.nativeElement as HTMLElement };
}

const input = (host: HTMLElement, path: string) => host.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-path="${path}"]`);
function type(el: HTMLInputElement | HTMLTextAreaElement | null, value: string) {
  if (!el) throw new Error('no such field');
  el.value = value;
  el.dispatchEvent(new Event('input'));
}
const click = (host: HTMLElement, selector: string) => {
  const el = host.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`no ${selector}`);
  el.click();
};

jest.setTimeout(30_000);

describe('QuestionnaireEditor (central office)', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('starts a new draft from the latest version, saves the edited text and publishes after confirming', async () => {
    const { fixture, backend, host } = await setup(['central-analyst'], { key: 'default-6-11' });
    expect(text(host.querySelector('[role=status]'))).toBe('Hämtar frågeformulär…');
    backend.expectOne(`${API}/questionnaires`).flush({ items: [template()] });
    await flushMicrotasks();
    backend.expectOne(`${API}/questionnaires/default-6-11/versions/latest`).flush(versionView(1, 'published'));
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=editor-title]'))).toContain('nytt utkast utifrån version 1');
    expect(host.querySelector<HTMLButtonElement>('[data-testid=publish]')?.disabled).toBe(true);

    click(host, '[data-testid=q-home-safe]');
    await fixture.whenStable();
    type(input(host, 'areas.0.questions.0.text'), 'Är du trygg hemma?');
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=unsaved]'))).toBe('Du har ändringar som inte är sparade.');
    expect(fixture.componentInstance.confirmLeave).toBeDefined();

    click(host, '[data-testid=save]');
    await flushMicrotasks();
    const put = backend.expectOne(`${API}/questionnaires/default-6-11/draft`);
    expect(put.request.method).toBe('PUT');
    expect(put.request.body.areas[0].questions[0].text).toEqual({ sv: { text: 'Är du trygg hemma?' }, en: { text: 'Do you feel safe at home?' } });
    put.flush({ ...versionView(2, 'draft'), content: put.request.body });
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=notice]'))).toBe('Utkastet är sparat (version 2).');
    expect(host.querySelector('[data-testid=unsaved]')).toBeNull();

    click(host, '[data-testid=publish]');
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=publish-dialog] h2'))).toBe('Publicera version 2?');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    click(host, '[data-testid=publish-confirm]');
    await flushMicrotasks();
    const post = backend.expectOne(`${API}/questionnaires/default-6-11/publish`);
    expect(post.request.method).toBe('POST');
    post.flush(versionView(2, 'published'));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/questionnaires', 'default-6-11', 'versions', 2], { state: { published: 2 } });
  });

  it('shows the server\'s issues at the field they name and lists publish blockers', async () => {
    const { fixture, backend, host } = await setup(['central-analyst'], { key: 'default-6-11' });
    backend.expectOne(`${API}/questionnaires`).flush({ items: [template([summary(2, 'draft'), summary(1, 'published')])] });
    await flushMicrotasks();
    backend
      .expectOne(`${API}/questionnaires/default-6-11/versions/2`)
      .flush(versionView(2, 'draft', [{ path: 'areas.0.questions.1.text.en', message: 'is missing; required for publishing' }]));
    await fixture.whenStable();
    click(host, '[data-testid=publish]');
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=publish-blockers]'))).toContain('areas.0.questions.1.text.en: is missing; required for publishing');
    expect(host.querySelector<HTMLButtonElement>('[data-testid=publish-confirm]')?.disabled).toBe(true);

    click(host, '[data-testid=q-home-why]');
    await fixture.whenStable();
    type(input(host, 'areas.0.questions.1.text'), 'Varför inte?');
    await fixture.whenStable();
    click(host, '[data-testid=save]');
    await flushMicrotasks();
    backend.expectOne(`${API}/questionnaires/default-6-11/draft`).flush(
      { status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'areas.0.questions.1.showWhen.questionId', reason: 'refers to an unknown question x' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=notice]'))).toBe('Utkastet kunde inte sparas. Rätta felen som visas vid fälten.');
    expect(text(host.querySelector('.follow-up'))).toContain('refers to an unknown question x');
  });

  it('switches the text language, shows completeness per language and writes right-to-left where needed', async () => {
    const { fixture, backend, host } = await setup(['central-analyst'], { key: 'default-6-11' });
    backend.expectOne(`${API}/questionnaires`).flush({ items: [template()] });
    await flushMicrotasks();
    backend.expectOne(`${API}/questionnaires/default-6-11/versions/latest`).flush(versionView(1, 'published'));
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=locale-sv]'))).toContain('12 av 12 klara');
    expect(text(host.querySelector('[data-testid=locale-ar]'))).toContain('0 av 12 klara');
    click(host, '[data-testid=locale-ar]');
    await fixture.whenStable();
    const title = input(host, 'title');
    expect(title?.getAttribute('dir')).toBe('rtl');
    type(title, 'كيف حالك؟');
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=locale-ar]'))).toContain('1 av 12 klara');
    expect(fixture.componentInstance.content()?.title.ar).toEqual({ text: 'كيف حالك؟' });
  });

  it('reorders questions with buttons and keeps the moved question selected', async () => {
    const { fixture, backend, host } = await setup(['central-analyst'], { key: 'default-6-11' });
    backend.expectOne(`${API}/questionnaires`).flush({ items: [template()] });
    await flushMicrotasks();
    backend.expectOne(`${API}/questionnaires/default-6-11/versions/latest`).flush(versionView(1, 'published'));
    await fixture.whenStable();
    click(host, '[data-testid=q-home-why]');
    await fixture.whenStable();
    click(host, '#q-up-0-1');
    await fixture.whenStable();
    expect(fixture.componentInstance.content()?.areas[0].questions.map((q) => q.id)).toEqual(['home-why', 'home-safe', 'home-talk']);
    expect(fixture.componentInstance.selected()).toEqual({ ai: 0, qi: 0 });
  });

  it('posts the draft, language and selected question to the phone preview', async () => {
    const { fixture, backend, host } = await setup(['central-analyst'], { key: 'default-6-11' });
    backend.expectOne(`${API}/questionnaires`).flush({ items: [template()] });
    await flushMicrotasks();
    backend.expectOne(`${API}/questionnaires/default-6-11/versions/latest`).flush(versionView(1, 'published'));
    await fixture.whenStable();
    const frame = host.querySelector<HTMLIFrameElement>('[data-testid=phone-preview]');
    expect(frame?.getAttribute('src')).toBe('http://child.test/#/preview');
    expect(frame?.width).toBe('375');
    const post = jest.spyOn(frame!.contentWindow!, 'postMessage').mockImplementation(() => undefined);
    click(host, '[data-testid=q-home-safe]');
    await fixture.whenStable();
    await flushMicrotasks();
    expect(post).toHaveBeenLastCalledWith(expect.objectContaining({ type: 'delaktig-preview', locale: 'sv', questionId: 'home-safe' }), 'http://child.test');
    type(input(host, 'areas.0.questions.0.text'), 'Ny text');
    await fixture.whenStable();
    const last = post.mock.lastCall?.[0] as { content: ReturnType<typeof sampleContent> };
    expect(last.content.areas[0].questions[0].text.sv?.text).toBe('Ny text');
  });
});

describe('QuestionnaireEditor (district staff)', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows a published version read-only, without edit, save or publish', async () => {
    const { fixture, backend, host } = await setup(['caseworker'], { key: 'default-6-11', version: '1' });
    backend.expectOne(`${API}/questionnaires`).flush({ items: [template()] });
    await flushMicrotasks();
    backend.expectOne(`${API}/questionnaires/default-6-11/versions/1`).flush(versionView(1, 'published'));
    await fixture.whenStable();
    expect(text(host.querySelector('[data-testid=read-only]'))).toContain('kan bara läsas');
    expect(host.querySelector('[data-testid=save]')).toBeNull();
    expect(host.querySelector('[data-testid=publish]')).toBeNull();
    expect(input(host, 'title')?.readOnly).toBe(true);
    click(host, '[data-testid=q-home-safe]');
    await fixture.whenStable();
    expect(host.querySelector('#q-up-0-0')).toBeNull();
    expect(host.querySelector<HTMLFieldSetElement>('.detail fieldset')?.disabled).toBe(true);
  });

  it('shows a problem when the questionnaire cannot be loaded', async () => {
    const { fixture, backend, host } = await setup(['caseworker'], { key: 'default-6-11', version: '9' });
    backend.expectOne(`${API}/questionnaires`).flush({ items: [template()] });
    await flushMicrotasks();
    backend.expectOne(`${API}/questionnaires/default-6-11/versions/9`).flush({ status: 404 }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(text(host.querySelector('[role=alert]'))).toBe('Kunde inte hämta frågeformuläret. Det du letar efter finns inte.');
  });
});
