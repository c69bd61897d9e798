import type { BrowserContext, Frame, Page } from 'playwright-core';

/** Helpers for checking the apps' Content-Security-Policy (tests/browser/csp.spec.ts). */

/** A policy as directive → sources. */
export function parseCsp(header: string | null | undefined): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** The nonce of a directive ('nonce-…'), if it has one. */
export function nonceOf(sources: string[] | undefined): string | undefined {
  return sources?.map((s) => /^'nonce-([^']+)'$/.exec(s)?.[1]).find(Boolean);
}

/** A `securitypolicyviolation` event or a CSP error on the console, in one of the app origins. */
export interface CspProblem {
  kind: 'event' | 'console';
  url: string;
  text: string;
}

const CSP_CONSOLE = /Content[- ]Security[- ]Policy|Refused to (?:load|apply|execute|frame|connect|run|evaluate)/i;

/**
 * Records, from now on and across navigations and frames, every `securitypolicyviolation`
 * event (an init script listening in each document) and every CSP error on the console, in
 * documents of the given origins (Keycloak's and BankID's pages have policies of their own).
 */
export async function watchCsp(context: BrowserContext, page: Page, origins: string[]): Promise<() => CspProblem[]> {
  const problems: CspProblem[] = [];
  const ours = (url: string) => origins.some((o) => url === o || url.startsWith(`${o}/`));
  await context.exposeBinding('__dkCspViolation', (_source, v: { documentURI: string; directive: string; blocked: string; sample: string; source: string }) => {
    if (ours(v.documentURI)) problems.push({ kind: 'event', url: v.documentURI, text: `${v.directive} blocked ${v.blocked || '(inline)'} at ${v.source} ${v.sample}`.trim() });
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const report = (window as unknown as { __dkCspViolation?: (v: unknown) => void }).__dkCspViolation;
        report?.({ documentURI: e.documentURI, directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}` });
      },
      true,
    );
  });
  page.on('console', (msg) => {
    if (!CSP_CONSOLE.test(msg.text())) return;
    const url = msg.location().url || page.url();
    if (ours(url) || ours(page.url())) problems.push({ kind: 'console', url, text: msg.text() });
  });
  return () => [...problems];
}

/**
 * What the page shows of the nonce at work: the nonce on its root element (ngCspNonce), the
 * nonces of the <style> elements in <head> (Angular's component styles and the inlined critical
 * CSS), whether the full stylesheet was switched on (the nonce'd script of the Angular build),
 * and the placeholder, should it be left anywhere.
 */
export async function nonceInPage(target: Page | Frame) {
  return target.evaluate(() => {
    const root = document.querySelector('[ngCspNonce]');
    return {
      rootNonce: root?.getAttribute('ngCspNonce') ?? null,
      styleNonces: Array.from(document.head.querySelectorAll('style')).map((s) => s.nonce),
      stylesheetMedia: Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]')).map((l) => l.media),
      placeholderLeft: document.documentElement.outerHTML.includes('**CSP_NONCE**'),
    };
  });
}
