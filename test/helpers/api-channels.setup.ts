// The channel names the build gives the preload (build/scripts/build-node.mjs defines __TRAME_API_CHANNELS__ from the
// registry): the tests that run electron/ sources read them from the same registry.
import { CHANNELS } from '../../core/api/contract';

(globalThis as { __TRAME_API_CHANNELS__?: readonly string[] }).__TRAME_API_CHANNELS__ = CHANNELS;
