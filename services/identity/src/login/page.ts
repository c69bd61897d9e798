import type { LoginView } from './bankid-login.service';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface PageOptions {
  uid: string;
  nonce: string;
  view: LoginView;
  autostartUrl: string | null;
  /** Open the autostart link in a new tab (the simulator's web app) rather than leaving the page. */
  autostartNewTab: boolean;
}

/**
 * The BankID login page: server-rendered, Swedish, no framework. A small script polls the
 * state once a second (new QR frame, hint message) and reloads on a final state; without
 * JavaScript the forms still work (start, cancel, retry, abort).
 */
export function loginPage(o: PageOptions): string {
  const base = `/oidc/interaction/${encodeURIComponent(o.uid)}`;
  const v = o.view;
  let body: string;
  if (v.state === 'idle') {
    body = `<p id="status" role="status" aria-live="polite">Startar BankID …</p>
<form method="post" action="${base}/start" class="js-hide"><button type="submit" class="primary">Logga in med BankID</button></form>`;
  } else if (v.state === 'pending') {
    body = `<p id="status" role="status" aria-live="polite">${esc(v.message)}</p>
<div id="qr" class="qr" role="img" aria-label="QR-kod att skanna med BankID-appen (QR code for the BankID app)"${v.qrSvg ? '' : ' hidden'}>${v.qrSvg ?? ''}</div>
<p class="help" id="qr-help"${v.qrSvg ? '' : ' hidden'}>Öppna BankID-appen på din mobil eller surfplatta och skanna QR-koden.</p>
${o.autostartUrl ? `<p><a class="button primary" id="autostart" href="${esc(o.autostartUrl)}"${o.autostartNewTab ? ' target="_blank" rel="noopener"' : ''}>Öppna BankID på den här enheten</a></p>` : ''}
<form method="post" action="${base}/cancel"><button type="submit">Avbryt</button></form>`;
  } else if (v.state === 'failed') {
    body = `<p id="status" role="alert">${esc(v.message)}</p>
<form method="post" action="${base}/start"><button type="submit" class="primary">Försök igen</button></form>
<form method="post" action="${base}/abort"><button type="submit">Avbryt inloggningen</button></form>`;
  } else if (v.state === 'refused') {
    body = `<p id="status" role="alert" class="refused">${esc(v.message)}</p>
<p lang="en" class="help">${esc(v.messageEn)}</p>
<form method="post" action="${base}/abort"><button type="submit" class="primary">Tillbaka</button></form>`;
  } else {
    body = `<p id="status" role="status">Du är inloggad.</p><p><a class="button primary" href="${esc(v.redirectTo)}">Fortsätt</a></p>`;
  }
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Logga in med BankID – Delaktig</title>
<style nonce="${o.nonce}">
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f6f8;color:#1b1b1b;line-height:1.5}
main{max-width:28rem;margin:2rem auto;background:#fff;padding:1.5rem 1.5rem 2rem;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.5rem;margin:0 0 1rem}
.qr{width:14rem;height:14rem;margin:1rem auto}.qr svg{width:100%;height:100%}
.help{color:#424242;font-size:.95rem}
.refused{font-weight:600}
button,.button{display:block;width:100%;box-sizing:border-box;min-height:3rem;margin:.75rem 0 0;padding:.75rem 1rem;font:inherit;font-weight:600;text-align:center;text-decoration:none;border:2px solid #1d3c6e;border-radius:.375rem;background:#fff;color:#1d3c6e;cursor:pointer}
.primary{background:#1d3c6e;color:#fff}
button:focus-visible,.button:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
[hidden]{display:none}
</style>
</head>
<body>
<main>
<h1>Logga in med BankID</h1>
<div id="login" data-state="${v.state}" data-base="${base}">
${body}
</div>
<noscript><p class="help">Sidan uppdateras inte av sig själv utan JavaScript: ladda om den för att se om inloggningen är klar.</p></noscript>
</main>
<script nonce="${o.nonce}">
(function () {
  var root = document.getElementById('login');
  var state = root.getAttribute('data-state');
  var base = root.getAttribute('data-base');
  var hidden = document.querySelectorAll('.js-hide');
  for (var i = 0; i < hidden.length; i++) hidden[i].hidden = true;
  function apply(v) {
    if (v.state === 'complete') { window.location.assign(v.redirectTo); return false; }
    if (v.state !== state) { window.location.reload(); return false; }
    if (v.state === 'pending') {
      var status = document.getElementById('status');
      if (status.textContent !== v.message) status.textContent = v.message;
      var qr = document.getElementById('qr');
      var help = document.getElementById('qr-help');
      if (v.qrSvg) { qr.innerHTML = v.qrSvg; qr.hidden = false; help.hidden = false; } else { qr.hidden = true; help.hidden = true; }
    }
    return true;
  }
  function poll() {
    fetch(base + '/status', { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (v) { if (apply(v)) setTimeout(poll, 1000); })
      .catch(function () { setTimeout(poll, 2000); });
  }
  if (state === 'idle') {
    fetch(base + '/start', { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: '{}', credentials: 'same-origin' })
      .then(function () { window.location.reload(); })
      .catch(function () { for (var j = 0; j < hidden.length; j++) hidden[j].hidden = false; });
  } else if (state === 'pending') {
    setTimeout(poll, 1000);
  }
})();
</script>
</body>
</html>`;
}

export function expiredPage(): string {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Inloggningen har gått ut – Delaktig</title></head>
<body><main><h1>Inloggningen har gått ut</h1><p>Börja om från Delaktigs inloggningssida.</p><p lang="en">The sign-in has expired. Please start again from Delaktig.</p></main></body></html>`;
}
