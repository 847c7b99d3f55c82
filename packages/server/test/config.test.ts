import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config.ts';

describe('settings from the environment', () => {
  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads TRUST_PROXY=%s as %s', (value, expected) => {
    expect(resolveConfig({}, { TRUST_PROXY: value }).trustProxy).toBe(expected);
  });

  it('leaves proxy trust off when TRUST_PROXY is unset or blank', () => {
    expect(resolveConfig({}, {}).trustProxy).toBe(false);
    expect(resolveConfig({}, { TRUST_PROXY: '' }).trustProxy).toBe(false);
  });

  it.each(['no', 'yes', 'FALSE ', 'off', 'on', 'False'])('refuses TRUST_PROXY=%j at start, naming the variable', (value) => {
    expect(() => resolveConfig({}, { TRUST_PROXY: value })).toThrow(/TRUST_PROXY: must be true, false, 1 or 0/);
  });

  it.each([
    ['PORT', ' '],
    ['PORT', '0x50'],
    ['PORT', '80.5'],
    ['PORT', '1e3'],
    ['PORT', '70000'],
    ['SESSION_IDLE_MINUTES', '-5'],
    ['SESSION_IDLE_MINUTES', '0'],
    ['SESSION_MAX_HOURS', 'twelve'],
  ])('refuses %s=%j, naming the variable', (variable, value) => {
    expect(() => resolveConfig({}, { [variable]: value })).toThrow(new RegExp(`^invalid settings: ${variable}: `));
  });

  it('reads whole numbers written in digits', () => {
    const config = resolveConfig({}, { PORT: '8443', SESSION_IDLE_MINUTES: '30' });
    expect(config.port).toBe(8443);
    expect(config.sessionIdleMinutes).toBe(30);
  });

  it('names an option given in code by its own name', () => {
    expect(() => resolveConfig({ port: -1 }, {})).toThrow(/^invalid settings: port: /);
  });
});
