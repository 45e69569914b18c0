/**
 * The JavaScript heap of a page and of every worker it starts, sampled through the DevTools
 * protocol. `performance.memory` exists only on a page (a worker has none), so sampling it
 * from the workers counted the page alone; here each worker target is attached (non-flat
 * sessions: one browser session serves them all) and asked Runtime.getHeapUsage.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';

export interface HeapSample {
  page: number;
  workers: number;
}

export class HeapSampler {
  private browserCdp: CDPSession | null = null;
  private pageCdp: CDPSession | null = null;
  private sessions = new Map<string, string>();
  private next = 1;
  private waiting = new Map<number, (bytes: number) => void>();
  peak: HeapSample & { total: number } = { page: 0, workers: 0, total: 0 };

  constructor(
    private browser: Browser,
    private page: Page,
  ) {}

  async start(): Promise<void> {
    this.browserCdp = await this.browser.newBrowserCDPSession();
    this.pageCdp = await this.page.context().newCDPSession(this.page);
    this.browserCdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
      const m = JSON.parse(e.message) as { id?: number; result?: { usedSize?: number } };
      if (m.id === undefined) return;
      this.waiting.get(m.id)?.(m.result?.usedSize ?? 0);
      this.waiting.delete(m.id);
    });
  }

  private async worker(targetId: string): Promise<number> {
    const cdp = this.browserCdp!;
    let sessionId = this.sessions.get(targetId);
    if (!sessionId) {
      sessionId = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })).sessionId;
      this.sessions.set(targetId, sessionId);
    }
    const id = this.next++;
    const got = new Promise<number>((resolve) => {
      this.waiting.set(id, resolve);
      // a worker that ends before it answers counts nothing
      setTimeout(() => this.waiting.has(id) && (this.waiting.delete(id), resolve(0)), 2000);
    });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) });
    return got;
  }

  async sample(): Promise<HeapSample> {
    const page = ((await this.pageCdp!.send('Runtime.getHeapUsage').catch(() => null)) as { usedSize: number } | null)?.usedSize ?? 0;
    const { targetInfos } = await this.browserCdp!.send('Target.getTargets');
    let workers = 0;
    for (const t of targetInfos.filter((t: { type: string }) => t.type === 'worker')) workers += await this.worker(t.targetId).catch(() => 0);
    const total = page + workers;
    if (total > this.peak.total) this.peak = { page, workers, total };
    return { page, workers };
  }
}
