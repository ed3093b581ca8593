/**
 * The simulation's behaviour, as a number: bump it with every change that alters what a tick
 * computes (a formula, a constant, an order of operations). It is part of the rules hash, so a
 * client and a server that would disagree about a game refuse to play together.
 */
export const SIM_REVISION = 5;
