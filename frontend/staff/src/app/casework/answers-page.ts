import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { TranslocoPipe } from '@jsverse/transloco';
import { Message, problemMessage } from '../core/messages';
import { toProblem } from '../core/problem';
import { I18n } from '../i18n/i18n';
import { DateTimePipe } from '../shared/date-time.pipe';
import { MessagePipe } from '../shared/message.pipe';
import { AlertStore } from './alert-store';
import { AnswerPipe } from './answer.pipe';
import { CaseworkApi, ExportFormat, filenameFrom, pick } from './casework-api';
import { FeedbackForm } from './feedback-form';
import { ResponseStore } from './response-store';

/**
 * A child's answers for the caseworker: alerts and "vill prata" first, then every area
 * with each answer and its trend over the same child's earlier occasions; export (PDF,
 * JSON), the conversation view, and the feedback form.
 */
@Component({
  selector: 'dk-answers-page',
  imports: [TranslocoPipe, DateTimePipe, MessagePipe, AnswerPipe, RouterLink, FeedbackForm],
  providers: [ResponseStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './answers-page.html',
  styleUrl: './casework.css',
})
export class AnswersPage {
  /** Route parameter `:id`: the invitation. */
  protected readonly id = toSignal(inject(ActivatedRoute).paramMap.pipe(map((p) => p.get('id') ?? '')), { initialValue: '' });

  protected readonly store = inject(ResponseStore);
  protected readonly i18n = inject(I18n);
  private readonly api = inject(CaseworkApi);
  private readonly alerts = inject(AlertStore);
  private readonly document = inject(DOCUMENT);
  protected readonly message = problemMessage;
  protected readonly pick = pick;

  protected readonly exporting = signal<ExportFormat | null>(null);
  protected readonly exportError = signal<Message | null>(null);
  protected readonly ackBusy = signal<string | null>(null);

  protected readonly openAlerts = computed(() => (this.store.view()?.alerts ?? []).filter((a) => !a.acknowledgedAt).length);
  protected readonly questionText = computed(() => {
    const map = new Map<string, { sv: string | null; en: string | null }>();
    for (const area of this.store.view()?.areas ?? []) for (const q of area.questions) map.set(q.questionId, q.text);
    return map;
  });

  ngOnInit(): void {
    this.store.load(this.id(), 'view');
  }

  protected reload(): void {
    this.store.load(this.id(), 'view');
  }

  protected acknowledge(alertId: string): void {
    this.ackBusy.set(alertId);
    this.alerts.acknowledge(alertId).subscribe({
      next: (acknowledged) => {
        this.ackBusy.set(null);
        this.store.view.update((v) => (v ? { ...v, alerts: v.alerts.map((a) => (a.id === alertId ? { ...a, ...acknowledged } : a)) } : v));
      },
      error: (error: unknown) => {
        this.ackBusy.set(null);
        this.exportError.set(problemMessage(toProblem(error)));
      },
    });
  }

  protected export(format: ExportFormat): void {
    this.exporting.set(format);
    this.exportError.set(null);
    this.api.export(this.id(), format).subscribe({
      next: (res) => {
        this.exporting.set(null);
        const blob = res.body;
        if (!blob) return;
        const name = filenameFrom(res.headers.get('content-disposition'), `delaktig-${this.id()}.${format}`);
        this.download(blob, name);
      },
      error: (error: unknown) => {
        this.exporting.set(null);
        this.exportError.set(problemMessage(toProblem(error)));
      },
    });
  }

  private download(blob: Blob, filename: string): void {
    const view = this.document.defaultView;
    if (!view?.URL?.createObjectURL) return;
    const url = view.URL.createObjectURL(blob);
    const a = this.document.createElement('a');
    a.href = url;
    a.download = filename;
    a.rel = 'noopener';
    this.document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => view.URL.revokeObjectURL(url), 60_000);
  }
}
