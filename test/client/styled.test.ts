import { describe, expect, it } from 'vitest';
import { wrapText } from '../../client/styled.js';

describe('wrapText', () => {
  it('breaks between words within the width', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });

  it('cuts a word longer than the width, so a box never overflows', () => {
    expect(wrapText('a verylongword b', 5)).toEqual(['a', 'veryl', 'b']);
  });

  it('with keepLongWords gives a longer word a line of its own, so printed text loses nothing', () => {
    expect(wrapText('a verylongword b', 5, true)).toEqual(['a', 'verylongword', 'b']);
  });
});
