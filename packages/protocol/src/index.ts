export * from './common.ts';
export * from './errors.ts';
export * from './geo.ts';
export * from './scenario.ts';
export * from './api/auth.ts';
export * from './api/cell.ts';
export * from './api/devices.ts';
export * from './api/members.ts';
