import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Message, problemMessage } from '../core/messages';
import { toProblem } from '../core/problem';
import { I18n } from '../i18n/i18n';
import { MessagePipe } from '../shared/message.pipe';
import { RegisterStaffForm } from './register-staff-form';
import { DistrictOverview, StaffAdminApi, StaffMember } from './staff-admin.api';
import { StaffTable } from './staff-table';

/** "Stadsdelar": the central admin's view of every district and its admins. */
@Component({
  selector: 'dk-districts-page',
  imports: [TranslocoPipe, MessagePipe, RegisterStaffForm, StaffTable],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'admin.districts.title' | transloco }}</h1>
    <p class="muted">{{ 'admin.districts.intro' | transloco }}</p>
    @switch (status()) {
      @case ('error') {
        <p class="error-text" role="alert">{{ 'admin.districts.error' | transloco }} {{ problem() | dkMessage: i18n.lang() }}</p>
        <button type="button" class="button secondary" (click)="load()">{{ 'app.retry' | transloco }}</button>
      }
      @case ('ready') {
        @for (d of items(); track d.districtId) {
          <section class="card" [attr.aria-labelledby]="'district-' + d.districtId" [attr.data-district]="d.districtId">
            <h2 [id]="'district-' + d.districtId">{{ d.name }}</h2>
            <p class="small" [class.error-text]="d.activeAdmins === 0">
              {{ (d.activeAdmins === 0 ? 'admin.districts.noAdmin' : 'admin.districts.activeAdmins') | transloco: { count: d.activeAdmins } }}
            </p>
            @if (d.admins.length) {
              <dk-staff-table [items]="d.admins" [label]="d.name" [showUnit]="false" [selfUsername]="selfUsername()" (changed)="replace($event)" />
            }
          </section>
        }
      }
      @default {
        <p class="muted" role="status">{{ 'admin.districts.loading' | transloco }}</p>
      }
    }
    <dk-register-staff-form mode="central" (registered)="add($event)" />
  `,
})
export class DistrictsPage implements OnInit {
  private readonly api = inject(StaffAdminApi);
  protected readonly i18n = inject(I18n);
  protected readonly items = signal<DistrictOverview[]>([]);
  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly problem = signal<Message | null>(null);

  ngOnInit(): void {
    this.load();
  }

  protected selfUsername(): string | null {
    return null;
  }

  protected load(): void {
    this.status.set('loading');
    this.api.districts().subscribe({
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
    this.items.update((list) =>
      list.map((d) => (d.districtId === member.districtId ? { ...d, admins: [...d.admins, member], activeAdmins: d.activeAdmins + 1 } : d)),
    );
  }

  protected replace(member: StaffMember): void {
    this.items.update((list) =>
      list.map((d) => {
        if (d.districtId !== member.districtId) return d;
        const admins = d.admins.map((a) => (a.id === member.id ? member : a));
        return { ...d, admins, activeAdmins: admins.filter((a) => a.status === 'active').length };
      }),
    );
  }
}
