export * from './types.ts';
export * from './tables.ts';
export * from './cells.ts';
export * from './facts.ts';
