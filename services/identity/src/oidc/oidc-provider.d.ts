// oidc-provider ships no types and is loaded at run time with import() (see provider.ts).
declare module 'oidc-provider';
