import { ChangeDetectionStrategy, Component } from '@angular/core';

/**
 * Placeholder start page of the children's answering app. Neutral on purpose:
 * it says nothing about social services, so it is safe on a shared phone.
 */
@Component({
  selector: 'dk-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="start">
      <h1>Delaktig</h1>
      <p class="lead">Skriv in koden du fått.</p>
      <label for="code">Kod</label>
      <input id="code" type="text" inputmode="numeric" autocomplete="off" disabled aria-describedby="code-note" />
      <p id="code-note" class="note">Det går inte att svara här än. Snart kan du skriva in din kod och börja.</p>
    </main>
  `,
  styles: `
    .start {
      max-width: 28rem;
      margin: 0 auto;
      padding: 2.5rem 1.25rem;
    }
    h1 {
      font-size: 2rem;
      margin: 0 0 1rem;
    }
    .lead {
      font-size: 1.25rem;
      margin: 0 0 1.5rem;
    }
    label {
      display: block;
      font-weight: 600;
      margin-bottom: 0.5rem;
    }
    input {
      width: 100%;
      min-height: 3rem;
      padding: 0.5rem 0.75rem;
      font: inherit;
      font-size: 1.5rem;
      letter-spacing: 0.2em;
      border: 2px solid #767676;
      border-radius: 8px;
      background: #f2f2f2;
      color: #1a1a1a;
    }
    .note {
      margin-top: 1rem;
      color: #4a4a4a;
    }
  `,
})
export class App {}
