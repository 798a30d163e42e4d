/**
 * SHA-256 of a file, read in 1 MiB blocks into buffers that are kept and reused. A fresh buffer per read (a read
 * stream's way) costs a page fault on every page of it, which on these VMs made hashing a 136 MB part take ~5x the
 * CPU of hashing it through a reused buffer (0.76 s against ~0.13 s per 136 MB).
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

const BLOCK_BYTES = 1024 * 1024;
/** Buffers not in use; calls running at once each take their own. */
const idle: Buffer[] = [];

export async function sha256File(path: string): Promise<string> {
  const buffer = idle.pop() ?? Buffer.allocUnsafe(BLOCK_BYTES);
  const file = await open(path, 'r').catch((error: unknown) => {
    idle.push(buffer);
    throw error;
  });
  try {
    const hash = createHash('sha256');
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return hash.digest('hex');
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    idle.push(buffer);
    await file.close();
  }
}
