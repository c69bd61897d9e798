import { ChangeDetectionStrategy, Component, DOCUMENT, effect, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthService } from './core/auth.service';
import { Session } from './core/session';
import { I18n, Language } from './i18n/i18n';

/** The shell: skip link, header (product, who is signed in, language, sign-out) and main. */
@Component({
  selector: 'dk-root',
  imports: [RouterOutlet, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.html',
  styleUrl: './app.css',
})
export class App {
  protected readonly auth = inject(AuthService);
  protected readonly session = inject(Session);
  protected readonly i18n = inject(I18n);
  private readonly document = inject(DOCUMENT);

  protected readonly languages: { code: Language; label: string }[] = [
    { code: 'sv', label: 'Svenska' },
    { code: 'en', label: 'English' },
  ];

  constructor() {
    effect(() => {
      if (this.auth.status() === 'authenticated' && this.session.status() === 'idle') {
        this.session.load();
      }
    });
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.document.getElementById('main')?.focus();
  }

  protected signOut(): void {
    void this.auth.logout();
  }

  protected reload(): void {
    this.document.location.reload();
  }
}
