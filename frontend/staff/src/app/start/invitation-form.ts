import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { AgeBand, Channel, CHILD_LANGUAGES, ChildLanguage, CreatedInvitation, Gender, GENDERS } from '../core/api';
import {
  CASE_REFERENCE_MAX,
  CASE_REFERENCE_PATTERN,
  Message,
  birthYearRange,
  problemMessage,
  reasonMessage,
} from '../core/messages';
import { personalNumberProblem } from '../admin/staff-admin.api';
import { DistrictSettingsApi } from '../core/district-settings';
import { fieldErrors, toProblem } from '../core/problem';
import { I18n } from '../i18n/i18n';
import { MessagePipe } from '../shared/message.pipe';
import { InvitationStore } from './invitation-store';

type Field = 'caseReference' | 'birthYear' | 'ageBand' | 'gender' | 'language' | 'channel' | 'phone' | 'email' | 'expiryDays' | 'meetingDate' | 'childPersonalNumber';
const FIELDS: readonly Field[] = ['caseReference', 'birthYear', 'ageBand', 'childPersonalNumber', 'gender', 'language', 'channel', 'phone', 'email', 'expiryDays', 'meetingDate'];

/** The DOM id that receives focus for each field. */
const FOCUS_ID: Record<Field, string> = {
  caseReference: 'case-reference',
  birthYear: 'birth-year',
  ageBand: 'age-band-6-11',
  gender: 'gender',
  language: 'language',
  channel: 'channel-sms',
  phone: 'phone',
  email: 'email',
  expiryDays: 'expiry-days',
  meetingDate: 'meeting-date',
  childPersonalNumber: 'child-pin',
};
/** Server field names that map onto a form field with another name. */
const SERVER_FIELD: Record<string, Field> = { expiresAt: 'expiryDays' };
const PHONE = /^(\+46|0046|0)\s*7[\d\s-]{8,12}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DAY_MS = 86_400_000;

/** The age band that fits a birth year (11 and 12 fit both; the younger band is suggested for 11). */
export function suggestAgeBand(birthYear: number | null, now = new Date()): AgeBand | null {
  if (!birthYear) return null;
  const age = now.getFullYear() - birthYear;
  if (age >= 6 && age <= 11) return '6-11';
  if (age >= 12 && age <= 19) return '12-18';
  return null;
}

function integer(control: AbstractControl<number | null>): ValidationErrors | null {
  const value = control.value;
  return value === null || Number.isInteger(value) ? null : { integer: true };
}

/** The birth year in a personal identity number (12 digits, or 10 with the century inferred as for a child). */
function pinBirthYear(input: string, now = new Date()): number {
  const digits = input.replace(/\D/g, '');
  if (digits.length === 12) return Number(digits.slice(0, 4));
  const yy = Number(digits.slice(0, 2));
  const century = Math.floor(now.getFullYear() / 100) * 100;
  return century + yy > now.getFullYear() ? century - 100 + yy : century + yy;
}

/** The identity service's reasons for the personal identity number, in the caseworker's words. */
function childPinMessage(reason: string): Message {
  if (/not turned on/i.test(reason)) return { key: 'invite.errors.childBankIdOff' };
  const year = /birth year (\d{4})/i.exec(reason);
  if (year) return { key: 'invite.errors.childPinYear', params: { year: Number(year[1]) } };
  if (/check digit/i.test(reason)) return { key: 'admin.errors.personalNumber.checksum' };
  if (/date|future/i.test(reason)) return { key: 'admin.errors.personalNumber.date' };
  if (/12-18|age band/i.test(reason)) return { key: 'invite.errors.childPinBand' };
  return { key: 'admin.errors.personalNumber.format' };
}

/** How long a link is valid unless the caseworker changes it (the gateway's default too). */
const DEFAULT_EXPIRY_DAYS = 14;

/** "Ny inbjudan": creates an invitation for one of the caseworker's cases. */
@Component({
  selector: 'dk-invitation-form',
  imports: [ReactiveFormsModule, TranslocoPipe, MessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './invitation-form.html',
})
export class InvitationForm {
  private readonly store = inject(InvitationStore);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18n);

  protected readonly years = birthYearRange();
  protected readonly maxLength = CASE_REFERENCE_MAX;

  protected readonly form = new FormGroup({
    caseReference: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(CASE_REFERENCE_MAX), Validators.pattern(CASE_REFERENCE_PATTERN)],
    }),
    birthYear: new FormControl<number | null>(null, [
      Validators.required,
      integer,
      Validators.min(this.years.min),
      Validators.max(this.years.max),
    ]),
    ageBand: new FormControl<AgeBand | null>(null, Validators.required),
    gender: new FormControl<Gender>('not-stated', { nonNullable: true }),
    language: new FormControl<ChildLanguage>('sv', { nonNullable: true }),
    channel: new FormControl<Channel>('sms', { nonNullable: true }),
    phone: new FormControl('', { nonNullable: true }),
    email: new FormControl('', { nonNullable: true }),
    discreet: new FormControl(true, { nonNullable: true }),
    expiryDays: new FormControl<number | null>(DEFAULT_EXPIRY_DAYS, [Validators.required, integer, Validators.min(1), Validators.max(90)]),
    meetingDate: new FormControl('', { nonNullable: true }),
    childPersonalNumber: new FormControl('', { nonNullable: true }),
  });
  protected readonly languages = CHILD_LANGUAGES;
  protected readonly genders = GENDERS;
  protected readonly channel = signal<Channel>('sms');
  private readonly ageBand = signal<AgeBand | null>(null);
  private readonly districtSettings = inject(DistrictSettingsApi);
  /** The personal identity number field: only for 12–18, where the district has BankID for young people on. */
  protected readonly bankIdOffered = computed(() => this.ageBand() === '12-18' && !!this.districtSettings.current()?.childBankId);
  protected readonly copied = signal(false);
  protected readonly today = new Date().toISOString().slice(0, 10);

  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly created = signal<CreatedInvitation | null>(null);
  protected readonly formError = signal<Message | null>(null);
  protected readonly serverErrors = signal<Partial<Record<Field, Message>>>({});

  constructor() {
    const destroyRef = inject(DestroyRef);
    // Suggest the age band from the birth year until the caseworker picks one.
    this.form.controls.birthYear.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe((year) => {
      const band = this.form.controls.ageBand;
      const suggestion = suggestAgeBand(year);
      if (suggestion && !band.dirty) band.setValue(suggestion);
    });
    this.form.controls.channel.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe((c) => this.channel.set(c));
    this.form.controls.ageBand.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe((b) => this.ageBand.set(b));
    // Without the settings (not readable just now) the optional BankID field is simply not offered.
    this.districtSettings.load().pipe(takeUntilDestroyed(destroyRef)).subscribe({ error: () => undefined });
    for (const field of FIELDS) {
      const control: AbstractControl = this.form.controls[field];
      control.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => {
        if (this.serverErrors()[field]) {
          this.serverErrors.update((errors) => {
            const rest = { ...errors };
            delete rest[field];
            return rest;
          });
        }
      });
    }
  }

  /** The message shown under a field: the browser-side check first, then the gateway's. */
  protected errorFor(field: Field): Message | null {
    const control = this.form.controls[field];
    const shown = control.touched || this.submitted();
    const value = String(control.value ?? '').trim();
    if (shown && field === 'phone' && this.channel() === 'sms') {
      if (!value) return { key: 'errors.required' };
      if (!PHONE.test(value)) return { key: 'invite.errors.phone' };
    }
    if (shown && field === 'email' && this.channel() === 'email') {
      if (!value) return { key: 'errors.required' };
      if (!EMAIL.test(value)) return { key: 'invite.errors.email' };
    }
    if (shown && field === 'childPersonalNumber' && this.bankIdOffered() && value) {
      const problem = personalNumberProblem(value);
      if (problem) return { key: `admin.errors.personalNumber.${problem}` };
      const year = pinBirthYear(value);
      const birthYear = this.form.controls.birthYear.value;
      if (birthYear && year !== birthYear) return { key: 'invite.errors.childPinYear', params: { year: birthYear } };
    }
    if (control.invalid && shown) {
      if (field === 'expiryDays') return { key: 'invite.errors.expiryDays' };
      const errors = control.errors ?? {};
      if (errors['required']) return { key: field === 'ageBand' ? 'errors.notAllowed' : 'errors.required' };
      if (errors['maxlength']) return { key: 'errors.maxLength', params: { max: CASE_REFERENCE_MAX } };
      if (errors['pattern']) return { key: 'errors.pattern' };
      if (errors['integer']) return { key: 'errors.integer' };
      if (errors['min'] || errors['max']) return { key: 'errors.birthYearRange', params: this.years };
      return { key: 'errors.invalid' };
    }
    return this.serverErrors()[field] ?? null;
  }

  protected describedBy(field: Field, hintId?: string): string | null {
    const ids = [hintId, this.errorFor(field) ? `${FOCUS_ID[field]}-error` : undefined].filter(Boolean);
    return ids.length ? ids.join(' ') : null;
  }

  protected submit(): void {
    if (this.busy()) return;
    this.submitted.set(true);
    this.created.set(null);
    this.formError.set(null);
    this.copied.set(false);
    this.form.markAllAsTouched();
    if (this.form.invalid || this.errorFor('phone') || this.errorFor('email') || this.errorFor('childPersonalNumber')) {
      this.focusFirstError();
      return;
    }
    const v = this.form.getRawValue();
    this.busy.set(true);
    this.store
      .create({
        caseReference: v.caseReference.trim(),
        birthYear: v.birthYear as number,
        ageBand: v.ageBand as AgeBand,
        gender: v.gender,
        language: v.language,
        channel: v.channel,
        ...(v.channel === 'sms' ? { phone: v.phone.trim() } : { email: v.email.trim() }),
        discreet: v.discreet,
        expiresAt: new Date(Date.now() + (v.expiryDays as number) * DAY_MS).toISOString(),
        ...(v.meetingDate ? { meetingDate: v.meetingDate } : {}),
        ...(this.bankIdOffered() && v.childPersonalNumber.trim() ? { childPersonalNumber: v.childPersonalNumber.trim() } : {}),
      })
      .subscribe({
        next: (created) => {
          this.busy.set(false);
          this.created.set(created);
          this.serverErrors.set({});
          this.submitted.set(false);
          // Back to the defaults for the next child (14 days, SMS, discreet), not to empty fields.
          this.form.reset({ expiryDays: DEFAULT_EXPIRY_DAYS });
          this.channel.set('sms');
          setTimeout(() => this.document.getElementById('invitation-code')?.focus());
        },
        error: (error: unknown) => {
          this.busy.set(false);
          const problem = toProblem(error);
          const byField = fieldErrors(problem);
          const server: Partial<Record<Field, Message>> = {};
          for (const [name, reasons] of Object.entries(byField)) {
            const field = SERVER_FIELD[name] ?? (name as Field);
            if (FIELDS.includes(field) && reasons?.length) server[field] = field === 'childPersonalNumber' ? childPinMessage(reasons[0]) : reasonMessage(field, reasons[0]);
          }
          this.serverErrors.set(server);
          // Field errors not belonging to a visible field still deserve a word.
          const unknownFields = Object.keys(byField).filter((name) => !(FIELDS as readonly string[]).includes(SERVER_FIELD[name] ?? name));
          this.formError.set(
            unknownFields.length && !Object.keys(server).length
              ? { text: unknownFields.map((name) => `${name}: ${byField[name].join(', ')}`).join('; ') }
              : problemMessage(problem),
          );
          this.focusFirstError();
        },
      });
  }

  /** Copies the code for the caseworker to read out or write down; it is never shown again. */
  protected async copyCode(code: string): Promise<void> {
    try {
      await this.document.defaultView?.navigator.clipboard.writeText(code);
      this.copied.set(true);
    } catch {
      this.copied.set(false);
    }
  }

  private focusFirstError(): void {
    const field = FIELDS.find((name) => this.errorFor(name));
    const target = field ? this.document.getElementById(FOCUS_ID[field]) : this.document.getElementById('invitation-form-error');
    target?.focus();
  }
}
