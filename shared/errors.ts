/** Why the rules refused an action or a level. Stable: clients and logs match on them. */
export const RULE_ERRORS = {
  /** The action named a node that does not exist. */
  UNKNOWN_NODE: 'UNKNOWN_NODE',
  /** The level names no such region. */
  UNKNOWN_REGION: 'UNKNOWN_REGION',
  /** The level does not allow this kind of component. */
  KIND_NOT_ALLOWED: 'KIND_NOT_ALLOWED',
  /** Another node already has this id. */
  DUPLICATE_ID: 'DUPLICATE_ID',
  /** The architecture holds as many nodes (or links) as allowed. */
  TOO_MANY_NODES: 'TOO_MANY_NODES',
  /** A node may not call itself. */
  SELF_LINK: 'SELF_LINK',
  /** The two nodes are already linked. */
  DUPLICATE_LINK: 'DUPLICATE_LINK',
  /** This kind cannot call that kind (e.g. a database calling an app server). */
  LINK_NOT_ALLOWED: 'LINK_NOT_ALLOWED',
  /** The link would close a loop. */
  LINK_CYCLE: 'LINK_CYCLE',
  /** There is no link between the two nodes. */
  NO_SUCH_LINK: 'NO_SUCH_LINK',
  /** Not enough budget left for the action's cost. */
  INSUFFICIENT_BUDGET: 'INSUFFICIENT_BUDGET',
  /** The kind has no units to scale, or the count leaves its range. */
  BAD_SCALE: 'BAD_SCALE',
  /** The tier is not above the node's current tier. */
  BAD_TIER: 'BAD_TIER',
  /** The configuration does not fit the kind's schema. */
  INVALID_CONFIG: 'INVALID_CONFIG',
  /** Only read replicas can be promoted. */
  NOT_PROMOTABLE: 'NOT_PROMOTABLE',
  /** The level is over. */
  GAME_OVER: 'GAME_OVER',
  /** The action is not an action (schema check failed). */
  INVALID_ACTION: 'INVALID_ACTION',
} as const;
type RuleErrorCode = (typeof RULE_ERRORS)[keyof typeof RULE_ERRORS];

export interface RuleError {
  code: RuleErrorCode;
  message: string;
}

export function ruleError(code: RuleErrorCode, message: string): RuleError {
  return { code, message };
}
