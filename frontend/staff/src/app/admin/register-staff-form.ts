import { ChangeDetectionStrategy, Component, DOCUMENT, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { Message, problemMessage } from '../core/messages';
import { fieldErrors, toProblem } from '../core/problem';
import { I18n } from '../i18n/i18n';
import { MessagePipe } from '../shared/message.pipe';
import { ManagedRole, personalNumberProblem, StaffAdminApi, StaffMember } from './staff-admin.api';
import { DISTRICTS } from '../core/districts';

/** What a name may not contain (the gateway's rule, registerStaffRequest in contracts). */
const NAME_FORBIDDEN = /[<>"\\/@{}\d]/;

type Field = 'givenName' | 'familyName' | 'email' | 'personalNumber' | 'role' | 'unit' | 'districtId';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * "Registrera personal": a district admin registers a caseworker or unit lead in their own
 * district; the central admin (mode central) a district admin of a chosen district.
 */
@Component({
  selector: 'dk-register-staff-form',
  imports: [ReactiveFormsModule, TranslocoPipe, MessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="register-title">
      <h2 id="register-title">{{ (mode() === 'central' ? 'admin.form.titleAdmin' : 'admin.form.title') | transloco }}</h2>
      <p class="muted small">{{ 'admin.form.note' | transloco }}</p>
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate [attr.aria-busy]="busy()">
        @if (formError(); as error) {
          <p class="form-error" id="register-form-error" role="alert" tabindex="-1">{{ error | dkMessage: i18n.lang() }}</p>
        }
        @if (created(); as c) {
          <p class="success" role="status" data-testid="registered">
            {{ 'admin.form.registered' | transloco: { name: (c.givenName ?? '') + ' ' + (c.familyName ?? ''), username: c.username } }}
          </p>
        }
        @for (f of textFields(); track f.name) {
          @let error = errorFor(f.name);
          <div class="field" [class.has-error]="error">
            <label [for]="'staff-' + f.name">{{ 'admin.form.' + f.name | transloco }}</label>
            @if (f.hint) {
              <p class="hint" [id]="'staff-' + f.name + '-hint'">{{ 'admin.form.' + f.name + 'Hint' | transloco }}</p>
            }
            <input
              [id]="'staff-' + f.name"
              [type]="f.type"
              [formControlName]="f.name"
              [attr.autocomplete]="f.autocomplete"
              [attr.inputmode]="f.name === 'personalNumber' ? 'numeric' : null"
              spellcheck="false"
              [attr.aria-invalid]="error ? 'true' : null"
              [attr.aria-describedby]="describedBy(f.name, f.hint)"
            />
            @if (error) {
              <p class="field-error" [id]="'staff-' + f.name + '-error'">{{ error | dkMessage: i18n.lang() }}</p>
            }
          </div>
        }
        @if (mode() === 'district') {
          @let roleError = errorFor('role');
          <div class="field" [class.has-error]="roleError">
            <label for="staff-role">{{ 'admin.form.role' | transloco }}</label>
            <select id="staff-role" formControlName="role" [attr.aria-invalid]="roleError ? 'true' : null" [attr.aria-describedby]="roleError ? 'staff-role-error' : null">
              <option value="caseworker">{{ 'admin.roles.caseworker' | transloco }}</option>
              <option value="unit-lead">{{ 'admin.roles.unit-lead' | transloco }}</option>
            </select>
            @if (roleError) {
              <p class="field-error" id="staff-role-error">{{ roleError | dkMessage: i18n.lang() }}</p>
            }
          </div>
        } @else {
          @let districtError = errorFor('districtId');
          <div class="field" [class.has-error]="districtError">
            <label for="staff-districtId">{{ 'admin.form.district' | transloco }}</label>
            <select
              id="staff-districtId"
              formControlName="districtId"
              [attr.aria-invalid]="districtError ? 'true' : null"
              [attr.aria-describedby]="districtError ? 'staff-districtId-error' : null"
            >
              <option value="">{{ 'admin.form.chooseDistrict' | transloco }}</option>
              @for (d of districts; track d.id) {
                <option [value]="d.id">{{ d.name }}</option>
              }
            </select>
            @if (districtError) {
              <p class="field-error" id="staff-districtId-error">{{ districtError | dkMessage: i18n.lang() }}</p>
            }
          </div>
        }
        <div class="actions">
          <button type="submit" class="button" [disabled]="busy()">
            {{ (busy() ? 'admin.form.submitting' : 'admin.form.submit') | transloco }}
          </button>
        </div>
      </form>
    </section>
  `,
})
export class RegisterStaffForm {
  readonly mode = input<'district' | 'central'>('district');
  readonly registered = output<StaffMember>();

  private readonly api = inject(StaffAdminApi);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18n);
  protected readonly districts = DISTRICTS;

  protected readonly form = new FormGroup({
    givenName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    familyName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(EMAIL)] }),
    personalNumber: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    unit: new FormControl('', { nonNullable: true }),
    role: new FormControl<ManagedRole>('caseworker', { nonNullable: true }),
    districtId: new FormControl('', { nonNullable: true }),
  });

  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly created = signal<StaffMember | null>(null);
  protected readonly formError = signal<Message | null>(null);
  protected readonly serverErrors = signal<Partial<Record<Field, Message>>>({});

  protected textFields() {
    const fields: { name: Field; type: string; autocomplete: string; hint?: boolean }[] = [
      { name: 'givenName', type: 'text', autocomplete: 'off' },
      { name: 'familyName', type: 'text', autocomplete: 'off' },
      { name: 'email', type: 'email', autocomplete: 'off' },
      { name: 'personalNumber', type: 'text', autocomplete: 'off', hint: true },
    ];
    if (this.mode() === 'district') fields.push({ name: 'unit', type: 'text', autocomplete: 'off' });
    return fields;
  }

  /** The browser-side check first, then what the server said about the field. */
  protected errorFor(field: Field): Message | null {
    if (this.submitted()) {
      const value = String(this.form.controls[field].value ?? '').trim();
      const control = this.form.controls[field];
      if (control.errors?.['required']) return { key: 'errors.required' };
      if (field === 'email' && control.errors?.['pattern']) return { key: 'admin.errors.email' };
      if ((field === 'givenName' || field === 'familyName') && NAME_FORBIDDEN.test(value)) return { key: 'admin.errors.name' };
      if (field === 'personalNumber' && value) {
        const p = personalNumberProblem(value);
        if (p) return { key: `admin.errors.personalNumber.${p}` };
      }
      if (field === 'unit' && this.mode() === 'district' && !value) return { key: 'errors.required' };
      if (field === 'districtId' && this.mode() === 'central' && !value) return { key: 'admin.errors.district' };
    }
    return this.serverErrors()[field] ?? null;
  }

  protected describedBy(field: Field, hint?: boolean): string | null {
    const ids = [hint ? `staff-${field}-hint` : null, this.errorFor(field) ? `staff-${field}-error` : null].filter(Boolean);
    return ids.length ? ids.join(' ') : null;
  }

  private fields(): Field[] {
    return [...this.textFields().map((f) => f.name), this.mode() === 'district' ? 'role' : 'districtId'];
  }

  protected submit(): void {
    if (this.busy()) return;
    this.submitted.set(true);
    this.serverErrors.set({});
    this.formError.set(null);
    this.created.set(null);
    const firstInvalid = this.fields().find((f) => this.errorFor(f));
    if (firstInvalid) {
      this.focus(`staff-${firstInvalid}`);
      return;
    }
    const v = this.form.getRawValue();
    this.busy.set(true);
    const body =
      this.mode() === 'central'
        ? { givenName: v.givenName.trim(), familyName: v.familyName.trim(), email: v.email.trim(), personalNumber: v.personalNumber.trim(), role: 'district-admin' as const, districtId: v.districtId }
        : { givenName: v.givenName.trim(), familyName: v.familyName.trim(), email: v.email.trim(), personalNumber: v.personalNumber.trim(), role: v.role, unit: v.unit.trim() };
    this.api.register(body).subscribe({
      next: (member) => {
        this.busy.set(false);
        this.submitted.set(false);
        this.created.set(member);
        this.form.reset();
        this.registered.emit(member);
      },
      error: (e: unknown) => {
        this.busy.set(false);
        const problem = toProblem(e);
        const byField = fieldErrors(problem);
        const server: Partial<Record<Field, Message>> = {};
        for (const field of this.fields()) {
          if (!byField[field]?.length) continue;
          server[field] = problem.status === 409 ? { key: `admin.errors.taken.${field === 'personalNumber' ? 'personalNumber' : 'other'}` } : this.reason(field, byField[field][0] as string);
        }
        if (problem.status === 409 && byField['username']) server.email = { key: 'admin.errors.taken.other' };
        this.serverErrors.set(server);
        this.formError.set(Object.keys(server).length ? { key: 'errors.validation' } : problemMessage(problem));
        const first = this.fields().find((f) => server[f]);
        this.focus(first ? `staff-${first}` : 'register-form-error');
      },
    });
  }

  private reason(field: Field, reason: string): Message {
    if (field === 'personalNumber') {
      if (/check digit/i.test(reason)) return { key: 'admin.errors.personalNumber.checksum' };
      if (/date|future/i.test(reason)) return { key: 'admin.errors.personalNumber.date' };
      return { key: 'admin.errors.personalNumber.format' };
    }
    if (field === 'email') return { key: 'admin.errors.email' };
    if ((field === 'givenName' || field === 'familyName') && /may not contain/i.test(reason)) return { key: 'admin.errors.name' };
    if (field === 'unit' && /required/i.test(reason)) return { key: 'errors.required' };
    if (field === 'role') return { key: 'admin.errors.role' };
    return { text: reason };
  }

  private focus(id: string): void {
    setTimeout(() => (this.document.getElementById(id) as HTMLElement | null)?.focus());
  }
}
