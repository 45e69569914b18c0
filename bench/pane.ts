/**
 * What a clerk waits for in the pane: paste one report → its preview painted (unit, findings,
 * the three tables), timed inside the built pane in Chromium (tests/support/pane.ts serves and
 * drives it as the pane's browser test does). The first paste pays for the reader's warm-up
 * (OpenCC's tables); the median of the pastes after it is the figure.
 */
import { generateReport } from '../core/generate/index.ts';
import { openPane, timePaste } from '../tests/support/pane.ts';

export async function measurePanePreview(rounds: number): Promise<{ medianMs: number; firstMs: number }> {
  const text = generateReport(1, { format: 'gov2021', layout: 'word-cells', violations: ['t3-cell'] }).text;
  const pane = await openPane();
  try {
    const firstMs = await timePaste(pane.page, text);
    const times: number[] = [];
    for (let i = 0; i < Math.max(5, rounds); i++) times.push(await timePaste(pane.page, text));
    times.sort((a, b) => a - b);
    return { medianMs: times[times.length >> 1]!, firstMs };
  } finally {
    await pane.close();
  }
}
