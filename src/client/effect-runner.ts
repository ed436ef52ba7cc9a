/** Runs effects in the analysis worker: the pieces' private copies travel there and back without copying. */
import * as Comlink from 'comlink';
import type { EffectRunner } from '../project/process-ops';
import { analysis, answerValue } from './analysis-client';

/** A failure rejects, as the runner's contract says: the effect's caller reports it and leaves the project alone. */
export const runInWorker: EffectRunner = (spec, pieces, range, sampleRate) =>
  answerValue(
    analysis().effect(
      spec,
      Comlink.transfer(
        pieces,
        pieces.flatMap((p) => p.channels.map((c) => c.buffer as ArrayBuffer)),
      ),
      range,
      sampleRate,
    ),
  );
