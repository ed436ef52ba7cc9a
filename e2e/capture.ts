/** What the studio sends out, gathered in the page: the mix (through the master meter's left tap, which passes it on),
 * the left or right of what goes to the speakers (after Mono), the metronome's clicks, or the input played through
 * (Hear). A script processor wired to the speakers keeps pulling
 * them, silence too (an analyser alone keeps its last block once its sources end). Outputs captured together must
 * share an audio context: the mix and the clicks do (the player's); the input is the recorder's. */
import type { Page } from '@playwright/test';

export type Output = 'mix' | 'speakers-left' | 'speakers-right' | 'click' | 'input';

/** Starts gathering `outputs`, a channel each, side by side. */
export async function startCapture(page: Page, outputs: readonly Output[]): Promise<void> {
  await page.evaluate((outputs) => {
    const { player, recorder } = (window as any).omniStudio.services;
    /** The node and which of its outputs carries the output asked for. */
    const nodeOf = (o: string): [AudioNode, number] => {
      if (o.startsWith('speakers')) {
        const monitor: AudioNode = player.monitorOutput();
        // As the speakers take it: a mono monitor played in both (a splitter alone would leave the right silent).
        const speakers = new GainNode(monitor.context, { channelCount: 2, channelCountMode: 'explicit' });
        const split = new ChannelSplitterNode(monitor.context, { numberOfOutputs: 2 });
        monitor.connect(speakers).connect(split);
        return [split, o === 'speakers-left' ? 0 : 1];
      }
      return [
        o === 'mix' ? player.meterTaps()[0] : o === 'click' ? player.clickOutput() : recorder.playthroughOutput(),
        0,
      ];
    };
    const taps = outputs.map(nodeOf);
    const nodes = taps.map(([node]) => node);
    const context = nodes[0].context as AudioContext;
    const merge = new ChannelMergerNode(context, { numberOfInputs: nodes.length });
    taps.forEach(([node, output], i) => node.connect(merge, output, i));
    const processor = context.createScriptProcessor(4096, nodes.length, nodes.length);
    const channels: number[][] = nodes.map(() => []);
    processor.onaudioprocess = (e) => {
      channels.forEach((channel, i) => channel.push(...e.inputBuffer.getChannelData(i)));
    };
    merge
      .connect(processor)
      .connect(new GainNode(context, { gain: 0 }))
      .connect(context.destination);
    (window as any).e2eCapture = { nodes, merge, processor, channels, rate: context.sampleRate };
  }, outputs);
}

/** Stops the capture started last; its channels, in the order asked, and the rate. */
export function stopCapture(page: Page): Promise<{ rate: number; channels: number[][] }> {
  return page.evaluate(() => {
    const { nodes, merge, processor, channels, rate } = (window as any).e2eCapture;
    nodes.forEach((node: AudioNode) => node.disconnect(merge));
    processor.disconnect();
    return { rate, channels };
  });
}

/** `seconds` of `outputs`, gathered from now. */
export async function capture(
  page: Page,
  outputs: readonly Output[],
  seconds: number,
): Promise<{ rate: number; channels: number[][] }> {
  await startCapture(page, outputs);
  await page.waitForTimeout(seconds * 1000);
  return stopCapture(page);
}
