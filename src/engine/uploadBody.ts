/**
 * What an upload sends. A file that fits in one part is read whole into a kept buffer and goes up in one PUT; a
 * larger one is streamed, and lib-storage cuts it into parts. The buffers are kept (one per upload under way, at
 * most MULTIPART_PART_BYTES each) because a fresh buffer costs a page fault on each of its pages when first
 * written: streaming a 14 MB file made lib-storage gather it into a new buffer, and 136 MB cost the client ~0.4
 * CPU-seconds more than reading into kept buffers.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/** Buffers not in use; uploads running at once each take their own. */
const idle: Buffer[] = [];

async function readWhole(path: string, buffer: Buffer): Promise<Buffer | undefined> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size > buffer.length) return undefined;
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await file.read(buffer, filled, size - filled, filled);
      if (bytesRead === 0) throw new Error(`${path} shrank while it was read for upload`);
      filled += bytesRead;
    }
    return buffer.subarray(0, size);
  } finally {
    await file.close();
  }
}

/**
 * Calls `send` with a function that gives the body for one attempt: the same bytes each time (a stream cannot be
 * read twice, so a streamed file is opened again for each attempt).
 */
export async function withUploadBody<T>(path: string, partBytes: number, send: (body: () => Readable | Uint8Array) => Promise<T>): Promise<T> {
  const buffer = idle.pop() ?? Buffer.allocUnsafe(partBytes);
  try {
    const whole = await readWhole(path, buffer);
    return await send(() => whole ?? createReadStream(path));
  } finally {
    idle.push(buffer);
  }
}
