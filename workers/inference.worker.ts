/** The inference worker: exposes the engine over comlink and nothing else. */
import * as Comlink from 'comlink';
import { Engine } from '../src/engine/engine';

Comlink.expose(new Engine(Comlink.transfer));
