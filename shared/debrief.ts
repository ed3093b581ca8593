import { resultOf, type GameResult } from './game.js';
import type { GameLog } from './game-log.js';
import type { GameEvent, Level } from './level.js';
import type { LevelRuntime } from './level-runtime.js';
import { FAILOVER_SECONDS, SYNC_FAILOVER_SECONDS } from './catalog.js';
import { money } from './money.js';
import { changesFor, type TroubleContext } from './debrief/changes.js';
import { suddenSurge } from './debrief/autoscale.js';
import type { Debrief, DebriefCulprit, Incident, WhatIf } from './debrief/schema.js';
import { findCulprit, findIncidents, sum, type Culprit, type Stretch } from './debrief/incidents.js';
import { applyChange, forkReplay, playTo, startReplay, type Replay } from './debrief/replay.js';
import { Sampler, type Samples } from './debrief/samples.js';
import { lostWritesText } from './debrief/lost-writes.js';
import { availabilityText, clock, componentText, conditionText, eventName, reasonsText } from './debrief/words.js';

// After a round, what happened to one game: the availability second by second with the events, each
// incident with the component that failed first and why, and what one change would have done, found
// by replaying the game's log (level, seed, timed actions) with that change added.

/** Re-runs a debrief may spend on what-ifs: each is most of a game, a fraction of a second. */
export const MAX_WHAT_IFS = 4;
/** What-ifs tried per incident, the likeliest to help first. */
const WHAT_IFS_PER_INCIDENT = 2;
/** Seconds between the replay's saved states, where what-ifs start from. */
const CHECKPOINT_SECONDS = 5;
/** A change is made this many seconds before it must be ready. */
const LEAD_MARGIN_SECONDS = 5;

interface DebriefOptions {
  /** Re-runs to spend on what-ifs; 0 for the incidents alone. */
  whatIfs?: number;
}

/** Timeline readings to five decimals: finer than any chart shows, and a shorter message. */
function readable(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

/** The level's events and the host's, in time order. */
function eventsOf(level: Level, log: GameLog): { event: GameEvent; live: boolean }[] {
  const live = log.entries.flatMap((e) => ('event' in e ? [{ event: e.event, live: true }] : []));
  return [...level.events.map((event) => ({ event, live: false })), ...live].sort((a, b) => a.event.at - b.event.at);
}

/** The event that set the incident off: the latest to begin by the time trouble began, still in force (a ramp's end level stays). */
function eventDuring(events: readonly { event: GameEvent }[], from: number, to: number, began: number): GameEvent | undefined {
  const inForce = events.map((e) => e.event).filter((e) => e.at < to && (e.type === 'ramp' || e.at + e.duration > from));
  const before = inForce.filter((e) => e.at <= began);
  return before.length ? before[before.length - 1] : inForce[0];
}

function culpritView(c: Culprit, samples: Samples, rt: LevelRuntime): DebriefCulprit {
  return {
    node: c.node, kind: c.kind, region: c.region,
    from: c.trouble.from * samples.secondsPerSample, to: c.trouble.to * samples.secondsPerSample,
    peakUtilization: c.peakUtilization, reason: c.reasons[0]?.reason, component: componentText(c, rt.params),
  };
}

function incidentText(incident: Omit<Incident, 'text'>, culprit: Culprit | undefined, rt: LevelRuntime): string {
  const during = incident.during ? ` during ${incident.during}` : '';
  if (!culprit || !incident.culprit) {
    return `availability fell to ${availabilityText(incident.availability)} from ${clock(incident.from)} to ${clock(incident.to)}${during}`;
  }
  const c = incident.culprit;
  return `${componentText(culprit, rt.params)} ${conditionText(culprit)} from ${clock(c.from)} to ${clock(c.to)}${during}; ${reasonsText(culprit)}${lostWritesText(culprit)}`;
}

/** A change that improves the game (see `improves`) in words. */
function whatIfText(change: string, at: number, r: GameResult, played: GameResult, level: Level): string {
  const before = played.availability;
  const head = `${change.charAt(0).toUpperCase()}${change.slice(1)} at ${clock(at)}`;
  const was = `(it was ${availabilityText(before)})`;
  // Said only when the change is what broke the budget.
  const overBudget = r.cost > level.budget && played.cost <= level.budget ? `, but the game would have cost ${money(r.cost)} of the ${money(level.budget)} budget` : '';
  if (r.availability >= level.target) return `${head} would have kept availability at ${availabilityText(r.availability)} ${was}${overBudget}`;
  return `${head} would have raised availability to ${availabilityText(r.availability)} ${was}, short of the ${availabilityText(level.target)} target${overBudget}`;
}

/** Whether a what-if is advice: it raises availability by at least what the screens show. */
function improves(r: GameResult, played: GameResult): boolean {
  return r.availability > played.availability && availabilityText(r.availability) !== availabilityText(played.availability);
}

/** Why no what-if is offered for an incident whose culprit is known: what was tried, and why it could not help. */
function noWhatIfText(incident: Incident, culprit: Culprit, tried: readonly string[], rt: LevelRuntime): string {
  const lasted = Math.round(incident.to - incident.from);
  const who = componentText(culprit, rt.params);
  if (culprit.reasons[0]?.reason === 'node-down' && culprit.kind === 'db') {
    const why = `a failed primary is down until a standby takes over (${SYNC_FAILOVER_SECONDS} s for a sync one, ${FAILOVER_SECONDS} s for an async one); this outage of ${who} lasted ${lasted} s`;
    return lasted <= SYNC_FAILOVER_SECONDS ? `${why}, so no standby would have shortened it` : why;
  }
  if (!tried.length) return `no single change fitted ${who} at that point (the budget left or the architecture allowed none)`;
  return `no single change tried for ${who} would have raised availability (tried: ${tried.join('; ')})`;
}

function troubleOf(c: Culprit, incident: Stretch, samples: Samples, during: GameEvent[], rt: LevelRuntime): TroubleContext {
  const series = samples.nodes.get(c.node)!;
  let peak = 0;
  for (let i = incident.from; i < incident.to; i++) {
    const a = series.arrivalRps[i];
    if (a !== undefined && a > peak) peak = a;
  }
  return {
    peakArrivalRps: peak,
    ddos: during.some((e) => e.type === 'ddos') && sum(samples.leaked, incident) > 0,
    flashSale: during.some((e) => e.type === 'flash-sale'),
    celebrity: during.some((e) => e.type === 'celebrity'),
    zoneFailure: during.find((e) => e.type === 'zone-failure')?.region,
    regionFailure: during.find((e) => e.type === 'region-failure')?.region,
    dbFailureAt: during.find((e) => e.type === 'db-failure')?.at,
    surge: suddenSurge(during),
    backgroundFailures: rt.level.backgroundFailures,
  };
}

export function debrief(level: Level, log: GameLog, options: DebriefOptions = {}): Debrief {
  const budget = Math.min(options.whatIfs ?? MAX_WHAT_IFS, MAX_WHAT_IFS);
  const replay = startReplay(level, log);
  const rt = replay.game.rt;
  const sampler = new Sampler(level.tickMs);
  // Saved states to start what-ifs from, every few seconds (none when no what-if is wanted).
  const checkpoints = new Map<number, Replay>();
  const every = Math.round(CHECKPOINT_SECONDS / rt.dt);
  for (let tick = 0; budget > 0 && tick < log.endTick; tick += every) {
    playTo(replay, tick, sampler.observe);
    checkpoints.set(tick, forkReplay(replay));
  }
  playTo(replay, log.endTick, sampler.observe);
  sampler.close(replay.game);
  const samples = sampler.samples;
  const played: GameResult = resultOf(replay.game);
  const events = eventsOf(level, log);
  const sps = samples.secondsPerSample;

  const found = findIncidents(samples, level.target).map((stretch) => {
    const culprit = findCulprit(samples, stretch);
    const from = stretch.from * sps;
    const to = stretch.to * sps;
    const settled = sum(samples.settled, stretch);
    const good = sum(samples.good, stretch);
    const began = culprit ? culprit.trouble.from * sps : from;
    const event = eventDuring(events, from, to, began);
    const base = {
      from, to, availability: settled > 0 ? good / settled : 1, failed: settled - good,
      during: event && eventName(event), culprit: culprit && culpritView(culprit, samples, rt),
    };
    return { stretch, culprit, incident: { ...base, text: incidentText(base, culprit, rt) } };
  });

  const whatIfs: WhatIf[] = [];
  const tried = new Set<string>();
  let noWhatIf: string | undefined;
  let runs = 0;
  found.forEach(({ stretch, culprit, incident }, index) => {
    if (!culprit) return;
    const triedHere: string[] = [];
    const helped = () => whatIfs.some((w) => w.incident === index);
    // Said once, for the first incident nothing would have helped (budget allowing, every one was tried).
    const explain = () => { if (!helped() && budget > 0 && noWhatIf === undefined) noWhatIf = noWhatIfText(incident, culprit, triedHere, rt); };
    const inForce = events.map((e) => e.event).filter((e) => e.at < stretch.to * sps && e.at + e.duration > stretch.from * sps);
    let here = 0;
    for (const change of changesFor(culprit, troubleOf(culprit, stretch, samples, inForce, rt))) {
      if (runs >= budget || here >= WHAT_IFS_PER_INCIDENT) return;
      const lead = (change.provisions ? rt.params[change.provisions].provisionSeconds : 0) + LEAD_MARGIN_SECONDS;
      const tick = change.fromStart ? 0 : Math.max(0, Math.floor((culprit.trouble.from * sps - lead) / CHECKPOINT_SECONDS) * every);
      const start = checkpoints.get(tick);
      if (!start) continue;
      const planned = change.plan(start.game.state, rt);
      if (!planned || tried.has(planned.text)) continue;
      tried.add(planned.text);
      const run = forkReplay(start);
      if (!applyChange(run, planned.actions)) continue;
      if (planned.later) {
        playTo(run, tick + Math.round(planned.later.afterSeconds / rt.dt));
        if (!applyChange(run, planned.later.actions)) continue;
      }
      playTo(run, log.endTick);
      runs++;
      triedHere.push(planned.text);
      const r = resultOf(run.game);
      // A change that leaves availability where it was is not advice.
      if (!improves(r, played)) continue;
      const at = tick * rt.dt;
      whatIfs.push({
        incident: index, at, change: planned.text, actions: [...planned.actions, ...(planned.later?.actions ?? [])], availability: r.availability, cost: r.cost, passed: r.passed,
        text: whatIfText(planned.text, at, r, played, level),
      });
      here++;
    }
    explain();
  });

  const incidents = found.map((f) => f.incident);
  const availability = samples.settled.map((s, i) => (s > 0 ? readable(Math.min(1, samples.good[i]! / s)) : 1));
  return {
    levelId: level.id, target: level.target, availability: played.availability, passed: played.passed,
    timeline: { secondsPerSample: sps, availability },
    events: events.map(({ event, live }) => ({ at: event.at, duration: event.duration, name: eventName(event), live })),
    incidents, whatIfs,
    headline: incidents[0]?.text ?? `no incident: availability stayed above the ${availabilityText(level.target)} target`,
    ...(noWhatIf === undefined || whatIfs.length ? {} : { noWhatIf }),
  };
}
