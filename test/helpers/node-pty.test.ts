import { describe, expect, it } from 'vitest';
import { ptyTestMode } from './node-pty.js';

describe('pseudo-terminal tests and the optional node-pty', () => {
  it('run where node-pty loads, are skipped where it is missing, and fail when CI is set rather than skip', () => {
    expect(ptyTestMode(true, undefined)).toBe('run');
    expect(ptyTestMode(true, 'true')).toBe('run');
    expect(ptyTestMode(false, undefined)).toBe('skip');
    expect(ptyTestMode(false, '')).toBe('skip');
    expect(ptyTestMode(false, 'false')).toBe('skip');
    expect(ptyTestMode(false, 'true')).toBe('fail');
    expect(ptyTestMode(false, '1')).toBe('fail');
  });

});
