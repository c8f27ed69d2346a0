/**
 * Reads a webhook's body straight from Node's request, with a size limit. Every delivery comes
 * this way: going through the web-standard Request (web streams) cost more than verifying and
 * parsing it.
 */
import type { IncomingMessage } from 'node:http';

/** The body, or `too_large` as soon as it is known to exceed `maxBytes` (the rest is never read). */
export function readRawBody(incoming: IncomingMessage, maxBytes: number): Promise<Uint8Array | 'too_large'> {
  const declared = Number(incoming.headers['content-length']);
  if (declared > maxBytes) return Promise.resolve('too_large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        incoming.pause();
        resolve('too_large');
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => onError(new Error('the connection closed before the whole body was sent'));
    const cleanup = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    incoming.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
