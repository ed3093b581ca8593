import { afterEach, expect, it } from 'vitest';
import { KEYS, describePty, spawnClient, type PtyClient } from '../helpers/pty-client.js';

let client: PtyClient | undefined;
afterEach(() => client?.kill());

/** The tutorial in its first frame: the cursor starts on the load balancer row's empty slot. */
async function tutorial(): Promise<PtyClient> {
  client = spawnClient(['play', '--level', 'tutorial', '--no-mouse']);
  await client.waitFor('1 Map');
  return client;
}

describePty('actions by keys', () => {
  it('places a load balancer with the picker letter and puts the cursor on it', async () => {
    const c = await tutorial();
    await c.type('p');
    await c.waitFor('place in us-east:');
    expect(c.screen()).toContain('[l]b');
    await c.type('l');
    await c.waitFor(/lb1/);
    await c.waitFor('done: place lb in us-east');
  });

  it('links two nodes: c on the caller, move to the callee, Enter', async () => {
    const c = await tutorial();
    await c.type('p', 'l');
    await c.waitFor('done: place lb');
    await c.type('c');
    await c.waitFor('link lb1 to...');
    await c.type('j', 'j', KEYS.enter);
    await c.waitFor('link lb1 -> app1');
    expect(c.screen()).not.toContain('refused');
  });

  it('scales the app pool out with > and back in with <', async () => {
    const c = await tutorial();
    await c.type('j');
    await c.waitFor(/app1\s+app servers/);
    await c.type('>');
    await c.waitFor('app1 1u+1');
    await c.type('<');
    await c.waitFor('done: scale app1 -1');
    expect(c.screen()).not.toContain('1u+1');
  });

  it('removes a node only after the confirmation', async () => {
    const c = await tutorial();
    await c.type('p', 'l');
    await c.waitFor('done: place lb');
    await c.type('d');
    await c.waitFor('remove lb1 and its links? (y/n)');
    await c.type('n');
    await c.waitForGone('(y/n)');
    expect(c.screen()).toContain('lb1');
    await c.type('d', 'y');
    await c.waitFor('done: remove lb1');
    expect(c.screen()).not.toMatch(/[+!#x~] lb1/);
  });

  it('configures a node through its form', async () => {
    const c = await tutorial();
    await c.type('j', 'e');
    await c.waitFor('configure app1');
    await c.type(KEYS.right, KEYS.enter);
    await c.waitFor('done: configure app1 autoscale=true');
  });

  it('says in words, where the player is looking, why an action was refused', async () => {
    const c = await tutorial();
    await c.type('j', 'j', 'j');
    await c.waitFor(/db1\s+database primary/);
    await c.type('>');
    await c.waitFor('refused: db does not scale by units');
  });
});
