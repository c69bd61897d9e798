import type { BankIdSimulatorOrderSummary } from './state';
import type { BankIdTestPerson } from './test-persons';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Fixed status texts shown after an action (the query only selects one, so nothing is reflected). */
export const NOTICES: Record<string, { text: string; error?: boolean }> = {
  approved: { text: 'Klart! Beställningen är godkänd.' },
  cancelled: { text: 'Beställningen avbröts i appen.' },
  scanned: { text: 'QR-koden är läst. Välj testperson och godkänn eller avbryt.' },
  opened: { text: 'Beställningen är öppnad i appen.' },
  notFound: { text: 'Beställningen finns inte längre.', error: true },
  orderNotPending: { text: 'Beställningen är redan avslutad.', error: true },
  alreadyOpened: { text: 'QR-koden har redan använts.', error: true },
  staleQrCode: { text: 'QR-koden är för gammal. Läs av den QR-kod som visas just nu.', error: true },
  invalidQrCode: { text: 'Det där är ingen giltig BankID-QR-kod.', error: true },
  personalNumberMismatch: { text: 'Beställningen gäller en annan person.', error: true },
  invalidParameters: { text: 'Ogiltiga uppgifter.', error: true },
};

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 44rem; padding: 1rem; line-height: 1.5; color: #1a1a1a; }
  h1 { font-size: 1.5rem; } h2, h3 { font-size: 1.2rem; margin: 0 0 .5rem; }
  .order { border: 2px solid #555; border-radius: .5rem; padding: 1rem; margin: 1rem 0; }
  .text { white-space: pre-wrap; background: #f3f3f3; padding: .5rem; border-radius: .25rem; }
  label { display: block; font-weight: 600; margin-top: .5rem; }
  select, input[type=text] { font-size: 1rem; padding: .5rem; width: 100%; box-sizing: border-box; }
  button { font-size: 1rem; padding: .6rem 1.2rem; margin: .75rem .5rem 0 0; border-radius: .4rem; border: 2px solid #193e4f; cursor: pointer; }
  .primary { background: #193e4f; color: #fff; } .secondary { background: #fff; color: #193e4f; }
  button:focus-visible, a:focus-visible, select:focus-visible, input:focus-visible { outline: 3px solid #e08800; outline-offset: 2px; }
  .notice { padding: .75rem; border-radius: .4rem; background: #e3f4e8; border: 2px solid #2e7d46; }
  .notice.error { background: #fdecea; border-color: #b3261e; }
  .muted { color: #4a4a4a; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function personOptions(persons: readonly BankIdTestPerson[], selectedMasked?: string): string {
  return persons
    .map((p) => {
      const masked = `${p.personalNumber.slice(0, 8)}-****`;
      const selected = selectedMasked === masked ? ' selected' : '';
      return `<option value="${escapeHtml(p.personalNumber)}"${selected}>${escapeHtml(`${p.givenName} ${p.surname} (${p.personalNumber.slice(0, 8)}-${p.personalNumber.slice(8)})`)}</option>`;
    })
    .join('');
}

function hintText(order: BankIdSimulatorOrderSummary): string {
  switch (order.hintCode) {
    case 'outstandingTransaction':
      return 'Väntar på att appen ska öppna beställningen';
    case 'started':
      return 'Appen är startad';
    case 'userSign':
      return 'Väntar på säkerhetskod';
    default:
      return order.hintCode ?? '';
  }
}

function orderCard(order: BankIdSimulatorOrderSummary, persons: readonly BankIdTestPerson[], next: string, index: number, level: 2 | 3): string {
  const verb = order.type === 'sign' ? 'Skriv under' : 'Legitimera';
  const heading = order.type === 'sign' ? 'Underskrift' : 'Legitimering';
  const ref = encodeURIComponent(order.orderRef);
  const id = `person-${index}`;
  return `<section class="order" aria-labelledby="order-${index}">
<h${level} id="order-${index}">${heading}</h${level}>
<p class="muted">Skapad ${escapeHtml(order.createdAt.replace('T', ' ').slice(0, 19))} UTC · ${escapeHtml(hintText(order))}${order.personalNumberRequired ? ` · Endast ${escapeHtml(order.personMasked ?? '')} kan slutföra` : ''}</p>
${order.userVisibleText ? `<p>Text från tjänsten:</p><div class="text">${escapeHtml(order.userVisibleText)}</div>` : ''}
<form method="post" action="/sim/orders/${ref}/approve">
<input type="hidden" name="next" value="${escapeHtml(next)}">
<label for="${id}">Testperson</label>
<select id="${id}" name="personalNumber">${personOptions(persons, order.personMasked)}</select>
<button type="submit" class="primary">${verb}</button>
<button type="submit" class="secondary" formaction="/sim/orders/${ref}/cancel">Avbryt</button>
</form>
<p class="muted">Referens: <code>${escapeHtml(order.orderRef)}</code></p>
</section>`;
}

function notice(code: string | null): string {
  const n = code ? NOTICES[code] : undefined;
  if (!n) return '';
  return `<p class="notice${n.error ? ' error' : ''}" role="${n.error ? 'alert' : 'status'}">${escapeHtml(n.text)}</p>`;
}

/** The "test BankID app": pending orders, a test person picker, approve/cancel, and a QR paste box. */
export function renderAppPage(
  orders: BankIdSimulatorOrderSummary[],
  persons: readonly BankIdTestPerson[],
  noticeCode: string | null,
): string {
  const pending = orders.filter((o) => o.status === 'pending');
  const list = pending.length
    ? pending.map((o, i) => orderCard(o, persons, '/', i, 3)).join('\n')
    : '<p>Inga pågående beställningar just nu. Starta en inloggning i tjänsten och <a href="/">uppdatera sidan</a>.</p>';
  return page(
    'Test-BankID',
    `<h1>Test-BankID <span class="muted">(simulator, inte riktigt BankID)</span></h1>
${notice(noticeCode)}
<p>Här låtsas du vara BankID-appen. Välj en testperson och godkänn eller avbryt en pågående beställning.</p>
<p><a href="/">Uppdatera listan</a></p>
<h2>Pågående beställningar (${pending.length})</h2>
${list}
<section class="order" aria-labelledby="scan-heading">
<h2 id="scan-heading">Läs av QR-kod</h2>
<form method="post" action="/sim/scan">
<input type="hidden" name="next" value="/">
<label for="qr">QR-kodens innehåll (bankid.…)</label>
<input type="text" id="qr" name="qr" required autocomplete="off" spellcheck="false">
<label for="scan-person">Testperson</label>
<select id="scan-person" name="personalNumber">${personOptions(persons)}</select>
<button type="submit" class="primary">Läs av</button>
</form>
</section>`,
  );
}

/** What the app shows when started with an autostart token. */
export function renderAutostartPage(
  order: BankIdSimulatorOrderSummary | undefined,
  token: string,
  redirect: string | null,
  persons: readonly BankIdTestPerson[],
  noticeCode: string | null,
): string {
  if (!order || order.status !== 'pending') {
    const text = !order ? 'Det finns ingen beställning för den här länken.' : order.status === 'complete' ? 'Beställningen är redan klar.' : 'Beställningen är avslutad.';
    return page('Test-BankID', `<h1>Test-BankID</h1>${notice(noticeCode)}<p>${text}</p><p><a href="/">Till test-appen</a></p>`);
  }
  const next = `/sim/autostart?autostarttoken=${encodeURIComponent(token)}${redirect ? `&redirect=${encodeURIComponent(redirect)}` : ''}`;
  return page(
    'Test-BankID',
    `<h1>Test-BankID <span class="muted">(simulator)</span></h1>
${notice(noticeCode)}
${orderCard(order, persons, next, 0, 2)}`,
  );
}

/** Shown after an autostarted order ends when there is no returnUrl to go back to. */
export function renderDonePage(approved: boolean): string {
  return page(
    'Test-BankID',
    `<h1>Test-BankID</h1><p class="notice" role="status">${approved ? 'Klart! Gå tillbaka till tjänsten.' : 'Åtgärden avbruten. Gå tillbaka till tjänsten.'}</p><p><a href="/">Till test-appen</a></p>`,
  );
}
