import { ChangeDetectionStrategy, Component, DOCUMENT, computed, effect, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AlertBadge } from './casework/alert-badge';
import { AuthService } from './core/auth.service';
import { Session } from './core/session';
import { I18n, Language } from './i18n/i18n';

/** The shell: skip link, header (product, who is signed in, language, sign-out) and main. */
@Component({
  selector: 'dk-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslocoPipe, AlertBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.html',
  styleUrl: './app.css',
})
export class App {
  protected readonly auth = inject(AuthService);
  protected readonly session = inject(Session);
  protected readonly i18n = inject(I18n);
  private readonly document = inject(DOCUMENT);
  protected readonly canSeeStatistics = computed(() =>
    (this.session.me()?.roles ?? []).some((r) => r === 'district-admin' || r === 'central-analyst'),
  );

  /** Staff administration links: "Personal" for district admins, "Stadsdelar" for the central office's admin. */
  protected readonly adminLink = computed<'staff' | 'districts' | null>(() => {
    const me = this.session.me();
    if (!me?.roles.includes('district-admin')) return null;
    return me.districtId === 'central' ? 'districts' : 'staff';
  });

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

  protected signIn(): void {
    void this.auth.login();
  }

  protected signOut(): void {
    void this.auth.logout();
  }

  protected reload(): void {
    this.document.location.reload();
  }
}
