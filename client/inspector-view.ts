import { CATALOG, paramsOf, TIER_FACTOR, type Kind } from '../shared/catalog.js';
import type { Level } from '../shared/level.js';
import { FAILURE_REASONS } from '../shared/reasons.js';
import type { GameState, NodeState } from '../shared/state.js';
import { cacheServesText } from './cache-share.js';
import { replicaLagText } from './replica-lag.js';
import { compact, millis, money, wholePercent } from './format.js';
import type { NodeHistory } from './game-model.js';
import { bar, HEALTH_GLYPH, HEALTH_STYLE, HEALTH_WORD, loadStyle, nodeStatus, outageWords } from './health.js';
import { chartLines } from './node-charts.js';
import { fit, seg, wrapText, type Line, type Style } from './styled.js';

/** Width of the labels of the inspector's fields. */
const LABEL = 8;

interface InspectorInput {
  level: Level;
  state: Readonly<GameState> | undefined;
  node: NodeState | undefined;
  /** When the cursor is on an empty slot: what would be placed there. */
  slot?: { kind: Kind; region: string };
  /** The node's last seconds, when the model has seen it. */
  history: NodeHistory | undefined;
  /** Lines scrolled past at the top. */
  scroll: number;
}

const field = (label: string, ...rest: Line): Line => [seg(label.padEnd(LABEL), 'muted'), ...rest];

function wrapped(label: string, text: string, width: number, style?: Style): Line[] {
  return wrapText(text, Math.max(8, width - LABEL)).map((t, i) => field(i === 0 ? label : '', seg(t, style)));
}

function configText(n: NodeState): string {
  const entries = Object.entries(n.config).filter(([, v]) => !(Array.isArray(v) && v.length === 0));
  return entries.length ? entries.map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(' ') : '(nothing to set)';
}

function failureLines(state: Readonly<GameState>, n: NodeState, width: number): Line[] {
  const row = state.failedByNode[n.id];
  const reasons = FAILURE_REASONS.map((r, i) => [r, row?.[i] ?? 0] as const).filter(([, c]) => c > 0).sort((a, b) => b[1] - a[1]);
  if (!reasons.length) return [field('fails', seg('none', 'ok'))];
  return wrapped('fails', reasons.map(([r, c]) => `${r} ${compact(c)}`).join(', '), width);
}

/** Units in words: "3 units (+2 warming)"; nothing for a node of one. */
function unitsWords(units: number, warming: number): string {
  if (units <= 1 && warming === 0) return '';
  return `  ${units} units${warming ? ` (+${warming} warming)` : ''}`;
}

/** Who it calls and who calls it: the direction of every link. */
function linkLines(s: Readonly<GameState>, n: NodeState, width: number): Line[] {
  const calls = s.links.filter((l) => l.from === n.id).map((l) => l.to);
  const callers = s.links.filter((l) => l.to === n.id).map((l) => l.from);
  return [
    ...wrapped('links', `calls ${calls.length ? calls.join(', ') : 'nothing'}`, width),
    ...wrapped('', `called by ${callers.length ? callers.join(', ') : 'nobody'}`, width),
  ];
}

function nodeLines(input: InspectorInput, n: NodeState, width: number): Line[] {
  const { level, state } = input;
  const s = state!;
  const params = paramsOf(n.kind, level.overrides);
  const { health, outages } = nodeStatus(level, s, n);
  const m = n.metrics;
  const warming = n.warming.reduce((a, w) => a + w[1], 0);
  const barWidth = Math.max(4, Math.min(20, width - LABEL - 5));
  const lines: Line[] = [
    [seg(n.id, 'title'), seg(`  ${CATALOG[n.kind].label}, ${n.region}`, 'muted')],
    field('state', seg(`${HEALTH_GLYPH[health]} ${HEALTH_WORD[health]}`, HEALTH_STYLE[health]), seg(`  ${n.tier}`), seg(unitsWords(n.units, warming))),
    ...outages.flatMap((o) => wrapped('', outageWords(o), width, o.type === 'failed-over' || o.type === 'units-lost' ? 'warn' : 'bad')),
    field('load', seg(bar(m.utilization, barWidth), loadStyle(m.utilization)), seg(` ${wholePercent(m.utilization)}`, loadStyle(m.utilization))),
    field('rps', seg(`in ${compact(m.arrivalRps)} ok ${compact(m.servedRps)} `), seg(`drop ${compact(m.droppedRps)}`, m.droppedRps > 0 ? 'bad' : 'muted')),
    ...chartLines(input.history, width, LABEL),
    field('latency', seg(`${millis(m.latencyMs)}  queue ${compact(m.inSystem)}`)),
  ];
  const serves = cacheServesText(level, s, n);
  if (serves !== undefined) lines.push(field('hits', seg(wholePercent(m.hitRatio))), ...wrapped('', serves, width));
  if (n.kind === 'replica') lines.push(...wrapped('lag', replicaLagText(n), width));
  lines.push(...linkLines(s, n, width));
  lines.push(...wrapped('config', configText(n), width));
  const unit = params.buildCost * TIER_FACTOR[n.tier];
  const units = n.units + warming;
  lines.push(field('cost', seg(`${money(unit)}/unit, ${money(params.upkeepPerMinute * TIER_FACTOR[n.tier] * units)}/min`)));
  lines.push(...failureLines(s, n, width));
  return lines;
}

function slotLines(input: InspectorInput, width: number): Line[] {
  const { kind, region } = input.slot!;
  const params = paramsOf(kind, input.level.overrides);
  const allowed = input.level.allowed.includes(kind);
  return [
    [seg('empty slot', 'title'), seg(`  ${kind} in ${region}`, 'muted')],
    ...wrapped('what', CATALOG[kind].label, width),
    field('cost', seg(`${money(params.buildCost)} + ${money(params.upkeepPerMinute)}/min`)),
    field('ready', seg(`${params.provisionSeconds}s after placing`)),
    allowed ? field('keys', seg('Enter', 'key'), seg(' place  '), seg('p', 'key'), seg(' picker')) : field('', seg('not allowed in this level', 'bad')),
  ];
}

/** The selected node (or empty slot) in detail: health, load over the last minute, config, cost, failures. */
export function inspectorView(input: InspectorInput, width: number, height: number): Line[] {
  let lines: Line[];
  if (!input.state) lines = [[seg('waiting for the game...', 'muted')]];
  else if (input.node) lines = nodeLines(input, input.node, width);
  else if (input.slot) lines = slotLines(input, width);
  else lines = [[seg('nothing selected', 'muted')]];
  const top = Math.max(0, Math.min(input.scroll, lines.length - height));
  const shown = lines.slice(top, top + height).map((l) => fit(l, width));
  while (shown.length < height) shown.push(fit([], width));
  return shown;
}
