export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');
export const BANKID_CLIENT = Symbol('BANKID_CLIENT');
