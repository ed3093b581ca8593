import { afterEach, expect, it } from 'vitest';
import { KEYS, describePty, spawnClient, type PtyClient } from '../helpers/pty-client.js';

let client: PtyClient | undefined;
afterEach(() => client?.kill());

async function tutorial(): Promise<PtyClient> {
  client = spawnClient(['play', '--level', 'tutorial', '--no-mouse']);
  await client.waitFor('1 Map');
  return client;
}

async function command(c: PtyClient, text: string): Promise<void> {
  await c.type(':');
  await c.waitFor('Command');
  await c.type(text, KEYS.enter);
}

describePty('the command palette', () => {
  it('places, links, scales and removes', async () => {
    const c = await tutorial();
    await command(c, 'place lb us-east');
    await c.waitFor('done: place lb in us-east');
    await command(c, 'link lb1 app1');
    await c.waitFor('done: link lb1 -> app1');
    await command(c, 'scale app1 +2');
    await c.waitFor('app1 1u+2');
    await command(c, 'remove lb1');
    await c.waitFor('done: remove lb1');
  });

  it('completes with Tab and recalls history with Up', async () => {
    const c = await tutorial();
    await c.type(':', 'sc', KEYS.tab, 'a', KEYS.tab);
    await c.waitFor(':scale app1 ');
    await c.type('+1', KEYS.enter);
    await c.waitFor('done: scale app1 +1');
    await c.type(':', KEYS.up);
    await c.waitFor(':scale app1 +1');
    await c.type(KEYS.esc);
    await c.waitForGone(':scale app1 +1');
  });

  it('shows a rule error for a refused command', async () => {
    const c = await tutorial();
    await command(c, 'link db1 app1');
    await c.waitFor('refused: db cannot call app');
  });
});

describePty('the help overlay', () => {
  it('opens on ?, lists the keys, and closes on Esc', async () => {
    const c = await tutorial();
    await c.type('?');
    await c.waitFor('Help (Esc closes)');
    expect(c.screen()).toContain('Map keys');
    expect(c.screen()).toContain('place a component');
    await c.type(KEYS.esc);
    await c.waitForGone('Help (Esc closes)');
    expect(c.screen()).toContain('1 Map');
  });
});
