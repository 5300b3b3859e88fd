import { open } from 'node:fs/promises';

/** The first `bytes` bytes of a file (fewer if it is shorter), for sniffing its type by content. */
export async function readHead(path: string, bytes = 32): Promise<Uint8Array> {
  const head = new Uint8Array(bytes);
  const fh = await open(path, 'r');
  try {
    await fh.read(head, 0, bytes, 0);
  } finally {
    await fh.close();
  }
  return head;
}
