/**
 * Large letters for a room code read off a projector: our own 5x5 block font for the room-code
 * alphabet (A-Z without I, L, O; 2-9), plus the digits 0 and 1, `.`, `%`, `-` and space for scores.
 */

/** Rows of each glyph, `#` for a filled cell. */
const GLYPHS: Record<string, readonly string[]> = {
  A: [' ### ', '#   #', '#####', '#   #', '#   #'],
  B: ['#### ', '#   #', '#### ', '#   #', '#### '],
  C: [' ####', '#    ', '#    ', '#    ', ' ####'],
  D: ['#### ', '#   #', '#   #', '#   #', '#### '],
  E: ['#####', '#    ', '#### ', '#    ', '#####'],
  F: ['#####', '#    ', '#### ', '#    ', '#    '],
  G: [' ####', '#    ', '#  ##', '#   #', ' ### '],
  H: ['#   #', '#   #', '#####', '#   #', '#   #'],
  J: ['  ###', '   # ', '   # ', '#  # ', ' ##  '],
  K: ['#   #', '#  # ', '###  ', '#  # ', '#   #'],
  M: ['#   #', '## ##', '# # #', '#   #', '#   #'],
  N: ['#   #', '##  #', '# # #', '#  ##', '#   #'],
  P: ['#### ', '#   #', '#### ', '#    ', '#    '],
  Q: [' ### ', '#   #', '# # #', '#  # ', ' ## #'],
  R: ['#### ', '#   #', '#### ', '#  # ', '#   #'],
  S: [' ####', '#    ', ' ### ', '    #', '#### '],
  T: ['#####', '  #  ', '  #  ', '  #  ', '  #  '],
  U: ['#   #', '#   #', '#   #', '#   #', ' ### '],
  V: ['#   #', '#   #', '#   #', ' # # ', '  #  '],
  W: ['#   #', '#   #', '# # #', '## ##', '#   #'],
  X: ['#   #', ' # # ', '  #  ', ' # # ', '#   #'],
  Y: ['#   #', ' # # ', '  #  ', '  #  ', '  #  '],
  Z: ['#####', '   # ', '  #  ', ' #   ', '#####'],
  0: [' ### ', '#  ##', '# # #', '##  #', ' ### '],
  1: ['  #  ', ' ##  ', '  #  ', '  #  ', ' ### '],
  2: [' ### ', '#   #', '  ## ', ' #   ', '#####'],
  3: ['#### ', '    #', ' ### ', '    #', '#### '],
  4: ['#   #', '#   #', '#####', '    #', '    #'],
  5: ['#####', '#    ', '#### ', '    #', '#### '],
  6: [' ### ', '#    ', '#### ', '#   #', ' ### '],
  7: ['#####', '    #', '   # ', '  #  ', '  #  '],
  8: [' ### ', '#   #', ' ### ', '#   #', ' ### '],
  9: [' ### ', '#   #', ' ####', '    #', ' ### '],
  '.': ['     ', '     ', '     ', '     ', '  #  '],
  '%': ['##  #', '## # ', '  #  ', ' # ##', '#  ##'],
  '-': ['     ', '     ', ' ### ', '     ', '     '],
  ' ': ['     ', '     ', '     ', '     ', '     '],
};

/** Rows of the block font. */
const BLOCK_HEIGHT = 5;
const GLYPH_WIDTH = 5;
const GAP = 1;
const FILL = '\u2588';

/** Whether every character of `text` (any case) has a glyph. */
export function hasGlyphs(text: string): boolean {
  return [...text.toUpperCase()].every((c) => c in GLYPHS);
}

/** Width in cells of `text` in block letters. */
export function blockWidth(text: string): number {
  return text.length ? text.length * (GLYPH_WIDTH + GAP) - GAP : 0;
}

/** `text` in block letters: BLOCK_HEIGHT rows of equal width; a character without a glyph shows as a blank. */
export function blockText(text: string): string[] {
  const glyphs = [...text.toUpperCase()].map((c) => GLYPHS[c] ?? GLYPHS[' ']!);
  const rows: string[] = [];
  for (let y = 0; y < BLOCK_HEIGHT; y++) rows.push(glyphs.map((g) => g[y]!.replace(/#/g, FILL)).join(' '.repeat(GAP)));
  return rows;
}
