/** Runs effects in the analysis worker: the pieces' private copies travel there and back without copying. */
import * as Comlink from 'comlink';
import type { EffectRunner } from '../project/process-ops';
import { analysis } from './analysis-client';

export const runInWorker: EffectRunner = (spec, pieces, range, sampleRate) =>
  analysis().effect(
    spec,
    Comlink.transfer(
      pieces,
      pieces.flatMap((p) => p.channels.map((c) => c.buffer as ArrayBuffer)),
    ),
    range,
    sampleRate,
  );
