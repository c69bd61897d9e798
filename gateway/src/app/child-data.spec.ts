import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ACCESS_KEY } from './access';
import { CONTROLLERS } from './app.module';
import { CHILD_DATA_KEY, type ChildDataRule } from './child-data';

interface Route {
  route: string;
  access: { public?: boolean; child?: boolean; roles?: readonly string[] } | undefined;
  childData: ChildDataRule | undefined;
}

/** Every route handler of every gateway controller, read from Nest's own route metadata. */
function routes(): Route[] {
  const out: Route[] = [];
  for (const controller of CONTROLLERS) {
    const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '')[0];
    const proto = controller.prototype as unknown as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const path = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '')[0];
      out.push({
        route: `${RequestMethod[method]} /${[base, path].filter(Boolean).join('/')} (${controller.name}.${name})`,
        access: Reflect.getMetadata(ACCESS_KEY, handler),
        childData: Reflect.getMetadata(CHILD_DATA_KEY, handler),
      });
    }
  }
  return out;
}

describe("gateway routes and a child's data (audit by construction, issue 11)", () => {
  const all = routes();

  it('finds the routes (the enumeration itself works)', () => {
    expect(all.length).toBeGreaterThan(40);
    expect(all.map((r) => r.route)).toEqual(expect.arrayContaining([expect.stringMatching(/^GET \/api\/v1\/invitations\/:id\/response \(/)]));
  });

  it('every route declares what it does with a child\'s data: a new route without @AuditedRead, @AuditedChange, @ChildOwnData or @NoChildData fails here', () => {
    expect(all.filter((r) => !r.childData).map((r) => r.route)).toEqual([]);
  });

  it('audited reads and changes name the audit actions that record them', () => {
    const bad = all.filter((r) => (r.childData?.kind === 'read' || r.childData?.kind === 'change') && r.childData.records.length === 0);
    expect(bad.map((r) => r.route)).toEqual([]);
  });

  it("child-session routes are exactly the child's own routes, and no staff route claims to be one", () => {
    const mismatched = all.filter((r) => (r.childData?.kind === 'child-session') !== Boolean(r.access?.child || (r.access?.public && r.route.includes('/child/'))));
    expect(mismatched.map((r) => r.route)).toEqual([]);
  });

  it('no public route returns or changes a child\'s data except the child\'s own session', () => {
    const leaking = all.filter((r) => r.access?.public && r.childData?.kind !== 'none' && r.childData?.kind !== 'child-session');
    expect(leaking.map((r) => r.route)).toEqual([]);
  });
});
