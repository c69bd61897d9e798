import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { AgeBand, Invitation } from '../core/api';
import {
  CASE_REFERENCE_MAX,
  CASE_REFERENCE_PATTERN,
  Message,
  birthYearRange,
  problemMessage,
  reasonMessage,
} from '../core/messages';
import { fieldErrors, toProblem } from '../core/problem';
import { I18n } from '../i18n/i18n';
import { MessagePipe } from '../shared/message.pipe';
import { InvitationStore } from './invitation-store';

type Field = 'caseReference' | 'birthYear' | 'ageBand';
const FIELDS: readonly Field[] = ['caseReference', 'birthYear', 'ageBand'];

/** The DOM id that receives focus for each field. */
const FOCUS_ID: Record<Field, string> = {
  caseReference: 'case-reference',
  birthYear: 'birth-year',
  ageBand: 'age-band-6-11',
};

function integer(control: AbstractControl<number | null>): ValidationErrors | null {
  const value = control.value;
  return value === null || Number.isInteger(value) ? null : { integer: true };
}

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
  });

  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly created = signal<Invitation | null>(null);
  protected readonly formError = signal<Message | null>(null);
  protected readonly serverErrors = signal<Partial<Record<Field, Message>>>({});

  constructor() {
    const destroyRef = inject(DestroyRef);
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
    if (control.invalid && (control.touched || this.submitted())) {
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
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.focusFirstError();
      return;
    }
    const { caseReference, birthYear, ageBand } = this.form.getRawValue();
    this.busy.set(true);
    this.store
      .create({ caseReference: caseReference.trim(), birthYear: birthYear as number, ageBand: ageBand as AgeBand })
      .subscribe({
        next: (invitation) => {
          this.busy.set(false);
          this.created.set(invitation);
          this.serverErrors.set({});
          this.submitted.set(false);
          this.form.reset();
        },
        error: (error: unknown) => {
          this.busy.set(false);
          const problem = toProblem(error);
          const byField = fieldErrors(problem);
          const server: Partial<Record<Field, Message>> = {};
          for (const field of FIELDS) {
            const reasons = byField[field];
            if (reasons?.length) server[field] = reasonMessage(field, reasons[0]);
          }
          this.serverErrors.set(server);
          // Field errors not belonging to a visible field still deserve a word.
          const unknownFields = Object.keys(byField).filter((name) => !(FIELDS as readonly string[]).includes(name));
          this.formError.set(
            unknownFields.length && !Object.keys(server).length
              ? { text: unknownFields.map((name) => `${name}: ${byField[name].join(', ')}`).join('; ') }
              : problemMessage(problem),
          );
          this.focusFirstError();
        },
      });
  }

  private focusFirstError(): void {
    const field = FIELDS.find((name) => this.form.controls[name].invalid || this.serverErrors()[name]);
    const target = field ? this.document.getElementById(FOCUS_ID[field]) : this.document.getElementById('invitation-form-error');
    target?.focus();
  }
}
