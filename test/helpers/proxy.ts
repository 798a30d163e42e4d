/** Pieces of the loopback HTTP proxies tests put in front of s3rver: forwarding a request, listening, closing. */
import { type IncomingMessage, type Server, type ServerResponse, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Passes an upstream answer through unchanged. */
export function passThrough(res: ServerResponse, answer: IncomingMessage): void {
  res.writeHead(answer.statusCode ?? 502, answer.headers);
  answer.pipe(res);
}

/** Forwards `req` to `upstream` as it is; `onAnswer` writes the answer to `res` (by default unchanged). */
export function forward(upstream: URL, req: IncomingMessage, res: ServerResponse, onAnswer: (answer: IncomingMessage) => void = (answer) => passThrough(res, answer)): void {
  const proxied = httpRequest({ hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, onAnswer);
  proxied.on('error', () => res.destroy());
  req.pipe(proxied);
}

/** Starts `server` on a free loopback port: its endpoint, and a close that also ends the connections kept alive. */
export async function listenLoopback(server: Server): Promise<{ endpoint: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
