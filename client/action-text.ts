import type { Action } from '../shared/action.js';

/** An action in words, for the log and for messages about it. */
export function describeAction(a: Action): string {
  switch (a.type) {
    case 'place': return `place ${a.kind}${a.id ? ` ${a.id}` : ''} in ${a.region}`;
    case 'remove': return `remove ${a.node}`;
    case 'link': return `link ${a.from} -> ${a.to}`;
    case 'unlink': return `unlink ${a.from} -> ${a.to}`;
    case 'scale': return `scale ${a.node} ${a.by > 0 ? '+' : ''}${a.by}`;
    case 'configure': return `configure ${a.node} ${Object.entries(a.config).map(([k, v]) => `${k}=${String(v)}`).join(' ')}`;
    case 'upgrade': return `upgrade ${a.node}${a.tier ? ` to ${a.tier}` : ''}`;
    case 'promote': return `promote ${a.node}`;
  }
}
