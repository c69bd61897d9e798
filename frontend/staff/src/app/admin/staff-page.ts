import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Message, problemMessage } from '../core/messages';
import { toProblem } from '../core/problem';
import { Session } from '../core/session';
import { I18n } from '../i18n/i18n';
import { MessagePipe } from '../shared/message.pipe';
import { AlertLadderCard } from './alert-ladder-card';
import { DistrictSettingsCard } from './district-settings-card';
import { RegisterStaffForm } from './register-staff-form';
import { StaffAdminApi, StaffMember } from './staff-admin.api';
import { StaffTable } from './staff-table';

/** "Personal": a district admin's caseworkers and unit leads, registration and deactivation. */
@Component({
  selector: 'dk-staff-page',
  imports: [TranslocoPipe, MessagePipe, RegisterStaffForm, StaffTable, DistrictSettingsCard, AlertLadderCard],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'admin.staff.title' | transloco }}</h1>
    <p class="muted">{{ 'admin.staff.intro' | transloco: { district: session.me()?.districtName ?? '' } }}</p>
    <section class="card" aria-labelledby="staff-list-title">
      <h2 id="staff-list-title">{{ 'admin.staff.listTitle' | transloco }}</h2>
      @switch (status()) {
        @case ('error') {
          <p class="error-text" role="alert">{{ 'admin.staff.error' | transloco }} {{ problem() | dkMessage: i18n.lang() }}</p>
          <button type="button" class="button secondary" (click)="load()">{{ 'app.retry' | transloco }}</button>
        }
        @case ('ready') {
          @if (items().length === 0) {
            <p class="empty" data-testid="staff-empty">{{ 'admin.staff.empty' | transloco }}</p>
          } @else {
            <dk-staff-table [items]="items()" [label]="'admin.staff.listTitle' | transloco" (changed)="replace($event)" />
          }
        }
        @default {
          <p class="muted" role="status">{{ 'admin.staff.loading' | transloco }}</p>
        }
      }
    </section>
    <dk-register-staff-form mode="district" (registered)="add($event)" />
    <dk-district-settings-card />
    <dk-alert-ladder-card />
  `,
})
export class StaffPage implements OnInit {
  private readonly api = inject(StaffAdminApi);
  protected readonly session = inject(Session);
  protected readonly i18n = inject(I18n);
  protected readonly items = signal<StaffMember[]>([]);
  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly problem = signal<Message | null>(null);

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.status.set('loading');
    this.api.list().subscribe({
      next: (r) => {
        this.items.set(r.items);
        this.status.set('ready');
      },
      error: (e: unknown) => {
        this.problem.set(problemMessage(toProblem(e)));
        this.status.set('error');
      },
    });
  }

  protected add(member: StaffMember): void {
    this.items.update((list) => [...list, member]);
  }

  protected replace(member: StaffMember): void {
    this.items.update((list) => list.map((s) => (s.id === member.id ? member : s)));
  }
}
