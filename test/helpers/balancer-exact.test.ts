import { describe, expect, it } from 'vitest';
import { mmc } from '../../shared/sim/queueing.js';
import { balancerChain, ekM1Sigma, randomSplitResponse, roundRobinResponse } from './balancer-exact.js';

const MU = 10;
/** Transitions per chain: its own error is then about 1% at rho 0.9 (a 2% comparison of the simulation wants 10 million or more). */
const EVENTS = 2_000_000;

describe('balancer references', () => {
  it('round-robin over one child is M/M/1: sigma is rho', () => {
    expect(ekM1Sigma(1, 8, MU)).toBeCloseTo(0.8, 12);
    expect(roundRobinResponse(1, 8, MU)).toBeCloseTo(1 / (MU - 8), 12);
  });

  it('the E_k/M/1 root solves its equation and falls with k (smoother arrivals wait less)', () => {
    const sigmas = [1, 2, 4, 8].map((k) => ekM1Sigma(k, 0.9 * MU * k, MU));
    for (const [i, k] of [1, 2, 4, 8].entries()) {
      const s = sigmas[i]!;
      expect(s).toBeCloseTo((0.9 * MU * k / (0.9 * MU * k + MU * (1 - s))) ** k, 12);
    }
    expect(sigmas.every((s, i) => i === 0 || s < sigmas[i - 1]!)).toBe(true);
    expect(() => ekM1Sigma(4, 4 * MU, MU)).toThrow(/rho < 1/);
  });

  it('the chain of one child matches M/M/1; least-connections lies between one shared M/M/c and round-robin', () => {
    const one = balancerChain([{ servers: 1, mu: MU }], 8, 'least-connections', EVENTS, 1);
    expect(one.meanResponse / (1 / (MU - 8))).toBeCloseTo(1, 1);
    const four = Array.from({ length: 4 }, () => ({ servers: 1, mu: MU }));
    const lambda = 0.9 * 4 * MU;
    const jsq = balancerChain(four, lambda, 'least-connections', EVENTS, 2).meanResponse;
    expect(jsq).toBeGreaterThan(mmc(4, lambda, MU).T);
    expect(jsq).toBeLessThan(roundRobinResponse(4, lambda, MU));
  });

  it.each([
    [2, 0.5], [4, 0.9], [8, 0.8],
  ])('the chain agrees with the closed forms for random and round-robin splits over %i children at rho %f (within 3%%)', (k, rho) => {
    const children = Array.from({ length: k }, () => ({ servers: 1, mu: MU }));
    const lambda = rho * k * MU;
    const rr = balancerChain(children, lambda, 'round-robin', EVENTS, 3);
    expect(Math.abs(rr.meanResponse / roundRobinResponse(k, lambda, MU) - 1)).toBeLessThan(0.03);
    const random = balancerChain(children, lambda, 'random', EVENTS, 4);
    expect(Math.abs(random.meanResponse / randomSplitResponse(k, lambda, MU) - 1)).toBeLessThan(0.03);
    for (const s of rr.shares) expect(s).toBeCloseTo(1 / k, 3);
  });

  it('least-connections sends less to a slow child; round-robin gives it an equal share', () => {
    const children = [{ servers: 1, mu: MU }, { servers: 1, mu: MU }, { servers: 1, mu: MU / 2 }];
    const lambda = 0.6 * 2.5 * MU;
    const jsq = balancerChain(children, lambda, 'least-connections', EVENTS, 5);
    expect(jsq.shares[2]!).toBeLessThan(0.3);
    const rr = balancerChain(children, lambda, 'round-robin', EVENTS, 6);
    expect(rr.shares[2]!).toBeCloseTo(1 / 3, 3);
    expect(rr.responses[2]!).toBeGreaterThan(2 * jsq.responses[2]!);
  });
});
