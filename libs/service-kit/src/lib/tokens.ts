export const CONFIG = Symbol('CONFIG');
export const PRISMA = Symbol('PRISMA');
export const KAFKA = Symbol('KAFKA');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
