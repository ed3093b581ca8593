import { afterEach, describe, expect, it } from 'vitest';
import { App, FRAME_MS } from '../../client/app.js';
import { boxLines } from '../../client/frame.js';
import { resultsScreen } from '../../client/results-view.js';
import type { GameResults, GameSession, SessionListener } from '../../client/session.js';
import { lineText } from '../../client/styled.js';
import { debrief } from '../../shared/debrief.js';
import { playTo, startReplay } from '../../shared/debrief/replay.js';
import { newGame, resultOf } from '../../shared/game.js';
import type { Level } from '../../shared/level.js';
import { playedByPlan } from '../helpers/level-plans.js';
import { FakeClock } from './helpers/fake-clock.js';
import { headlessTerminal, until, type HeadlessTerminal } from './helpers/headless-tui.js';

// The tutorial as its naive plan plays it: failed, one incident, a what-if; results taller than 80x24.
const { level, log } = playedByPlan('tutorial', 'naive');
const d = debrief(level, log);
const replay = startReplay(level, log);
playTo(replay, log.endTick);
const played: GameResults = {
  result: resultOf(replay.game), failedByNode: replay.game.state.failedByNode, rank: 2, players: 3, endTick: log.endTick,
  standings: [
    { rank: 1, name: 'ada', availability: 0.995, score: 900, passed: true, complete: true, you: false },
    { rank: 2, name: 'you', availability: 0.4491, score: 147, passed: false, complete: true, you: true },
    { rank: 3, name: 'cy', availability: 0.4491, score: 147, passed: false, complete: true, you: false, tie: 'tie: joined later' },
  ],
};
const rows = (f: { boxes: Parameters<typeof boxLines>[0][] }) => f.boxes.flatMap((b) => boxLines(b).map(lineText));
const flat = (lines: string[]) => lines.map((l) => l.replace(/^║|║$/g, '').replace(/^ {14}/, '').trim()).join(' ').replace(/\s+/g, ' ');

describe('results screen at 80x24', () => {
  it('shows the verdict, the first incident and the whole best what-if before anything else, then scrolls to the rest', () => {
    const first = resultsScreen(level, played, { type: 'solo', hasNext: true }, 80, 24, d);
    const page = rows(first);
    // The box and the top bar: 23 rows of 24.
    expect(page).toHaveLength(23);
    const text = flat(page);
    expect(text).toContain('x FAILED: availability 44.91% is below the 99.0% target');
    expect(text).toContain(`Incident ${d.incidents[0]!.text}`);
    // The sentence whole, not cut mid-line.
    expect(text).toContain(`What if ${d.whatIfs[0]!.text}`);
    expect(first.maxScroll).toBeGreaterThan(0);
    expect(page[1]).toMatch(/Results, lines 1-\d+ of \d+/);
    expect(text).not.toContain('score = 200 x nines');
    const end = rows(resultsScreen(level, played, { type: 'solo', hasNext: true }, 80, 24, d, first.maxScroll));
    expect(flat(end)).toContain('score = 200 x nines');
    expect(flat(end)).toMatch(/3= cy +44\.91% +147 +failed +tie: joined later/);
    // The choices stay on the last line, wherever the view is.
    expect(end[21]).toMatch(/Up\/Down more +Enter play again/);
    // A scroll past either end stays at it.
    expect(resultsScreen(level, played, { type: 'solo', hasNext: true }, 80, 24, d, 999).scroll).toBe(first.maxScroll);
  });

  it('says which star was missed and by how much', () => {
    const game = newGame(level);
    const base = resultOf(game);
    const passedWith = (cost: number, availability: number): GameResults => ({
      ...played, result: { ...base, complete: true, passed: true, availability, cost, stars: 1 },
    });
    const text = (r: GameResults) => flat(rows(resultsScreen(level, r, { type: 'solo', hasNext: true }, 100, 60)));
    // The tutorial: target 99%, budget 1,200; thrift needs at most 75% of it, care 99.5%.
    expect(text(passedWith(912, 0.992))).toContain('[*--] 1 of 3: thrift missed: cost 76% of budget; 75% needed; care missed: availability 99.20%; 99.50% needed');
    expect(text(passedWith(904.8, 0.999))).toContain('thrift missed: cost 75.4% of budget; 75% needed');
  });

  it('calls a round the host ended early not scored as a pass, whatever its availability', () => {
    const early: GameResults = {
      ...played, endTick: 650, result: { ...resultOf(newGame(level)), complete: false, availability: 1, passed: false, stars: 0 },
      standings: played.standings.map((s) => ({ ...s, passed: false, complete: false })),
    };
    const text = flat(rows(resultsScreen(level, early, { type: 'room' }, 100, 60)));
    // Every row of the standings says so too: nobody failed a round that was not played out.
    expect(text).toMatch(/1\. ada\s+99\.50%\s+900\s+ended early/);
    expect(text).not.toMatch(/\d\s+failed/);
    expect(text).toContain('- ENDED EARLY, not scored as a pass: the host ended the round at 1:05 of 4:00; the part played is scored');
    expect(text).toContain('[---] 0 of 3: no stars: a round ended early is not passed');
    expect(text).not.toContain('PASSED');
  });
});

/** A session that is only a round's results and debrief, as a server sends them at the end. */
class ResultsSession implements GameSession {
  readonly room = 'RSLT1';
  readonly playerName = 'you';
  private listener: SessionListener | undefined;
  constructor(private readonly lvl: Level) {}
  subscribe(l: SessionListener) { this.listener = l; return () => { this.listener = undefined; }; }
  start() {
    this.listener?.({ type: 'level', level: this.lvl, spectator: false });
    this.listener?.({ type: 'connection', state: 'connected' });
    this.listener?.({ type: 'results', results: played });
    this.listener?.({ type: 'debrief', debrief: d });
  }
  act() { return 0; }
  ready() {}
  close() {}
}

let term: HeadlessTerminal | undefined;
afterEach(() => term?.destroy());

describe('results screen in the client', () => {
  it('scrolls with Down, PgDn, G, g and the mouse wheel', async () => {
    const clock = new FakeClock();
    term = headlessTerminal(80, 24, { mouse: true });
    const t = term;
    new App({ tui: t.tui, mode: { type: 'room', session: new ResultsSession(level) }, exit: () => {}, clock });
    const seen = async (re: RegExp) => until(() => { clock.advance(FRAME_MS); return re.test(t.screen()); }, () => t.screen());
    await seen(/Results, lines 1-18 of \d+/);
    t.input.write('\x1b[B');
    await seen(/Results, lines 2-19 of/);
    // A page down from line 2 goes past the end: it stops there.
    t.input.write('\x1b[6~');
    await seen(/Results, lines 12-29 of 29/);
    t.input.write('\x1b[5~');
    await seen(/Results, lines 1-18 of/);
    t.input.write('G');
    await seen(/score = 200 x nines/);
    t.input.write('g');
    await seen(/Results, lines 1-18 of/);
    // Wheel down: button 65 in SGR mouse reporting.
    t.input.write('\x1b[<65;10;10M');
    await seen(/Results, lines 4-21 of/);
    t.input.write('\x1b[<64;10;10M');
    await seen(/Results, lines 1-18 of/);
  });
});
