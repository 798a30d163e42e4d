/** SHA-256 of a file, read in 1 MiB blocks through a kept buffer (see keptBuffers.ts). */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { withKeptBuffer } from './keptBuffers.js';

const BLOCK_BYTES = 1024 * 1024;

export async function sha256File(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    return await withKeptBuffer(BLOCK_BYTES, async (buffer) => {
      const hash = createHash('sha256');
      for (;;) {
        const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) return hash.digest('hex');
        hash.update(buffer.subarray(0, bytesRead));
      }
    });
  } finally {
    await file.close();
  }
}
