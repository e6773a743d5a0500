// Tiny servers that misbehave on purpose, on 127.0.0.1 over real sockets: each test routes a path to
// a behaviour (a drip, silence, a cut, a flood, an endless list, a refusal). Every loop they run is
// bounded and stops when the server closes, so a test can never hang on the server's side.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { VaultClient, VaultTransport, type VaultClientOptions } from '../../../src/core/vault';
import { captureLog, type Capture } from '../helpers/capture';

export interface HostileRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Behaviour = (request: HostileRequest, response: ServerResponse, server: HostileServer) => void;

export interface HostileServer {
  readonly dns: string;
  readonly requests: HostileRequest[];
  /** Aborts when the server closes: behaviours that wait or repeat stop with it. */
  readonly closing: AbortSignal;
  /** The first route whose method and path match answers; anything else gets a Vault-like 404. */
  route(method: string, path: RegExp, behaviour: Behaviour): void;
  count(path: RegExp): number;
  close(): Promise<void>;
}

export async function startHostile(): Promise<HostileServer> {
  const routes: { method: string; path: RegExp; behaviour: Behaviour }[] = [];
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  const requests: HostileRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: HostileRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
      requests.push(request);
      const route = routes.find((r) => r.method === request.method && r.path.test(request.path));
      if (route) route.behaviour(request, res, hostile);
      else vaultJson(res, { responseStatus: 'FAILURE', errors: [{ type: 'MALFORMED_URL', message: 'The resource cannot be found.' }] }, 404);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hostile: HostileServer = {
    dns: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    closing: closing.signal,
    route: (method, path, behaviour) => void routes.push({ method, path, behaviour }),
    count: (path) => requests.filter((r) => path.test(r.path)).length,
    close: () => {
      closing.abort();
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return hostile;
}

export function vaultJson(res: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

// ---- behaviours ----

/** Accepts the request and never answers. */
export const silence: Behaviour = () => {};

/** Sends headers, then one byte every `everyMs`, at most `bytes` of them (the client gives up long before). */
export function drip(everyMs = 200, bytes = 3000): Behaviour {
  return (_request, res, server) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{');
    let sent = 0;
    const timer = setInterval(() => {
      if (++sent >= bytes || res.destroyed || server.closing.aborted) clearInterval(timer);
      else res.write(' ');
    }, everyMs);
    server.closing.addEventListener('abort', () => clearInterval(timer), { once: true });
  };
}

/** Announces a body, sends part of it, and cuts the connection. */
export const closeMidBody: Behaviour = (_request, res) => {
  const body = JSON.stringify({ responseStatus: 'SUCCESS', data: [] });
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(body.length * 4) });
  res.write(body.slice(0, 10), () => res.socket?.destroy());
};

/** Streams up to `totalBytes` of a JSON string without Content-Length, honouring back-pressure; `sent` reports how much went out. */
export function flood(totalBytes: number, sent: { bytes: number }): Behaviour {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return (_request, res, server) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"responseStatus":"SUCCESS","data":"');
    const pump = () => {
      while (sent.bytes < totalBytes && !res.destroyed && !server.closing.aborted) {
        sent.bytes += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end('"}');
    };
    pump();
  };
}

const hostileSessionId = 'S3SS10N-0123456789abcdef0123456789abcdef';

function hostileOptions(server: HostileServer, capture: Capture, options: Partial<VaultClientOptions>): VaultClientOptions {
  return { dns: server.dns, logger: capture.logger, timeoutMs: 2_000, deadlineMs: 3_000, backoffBaseMs: 5, statusIntervalMs: 0, ...options };
}

/** A client for `server` with test-sized limits, already holding `sessionId`. */
export function hostileClient(server: HostileServer, options: Partial<VaultClientOptions> = {}, sessionId = hostileSessionId): { client: VaultClient; capture: Capture } {
  const capture = captureLog();
  return { client: new VaultClient(hostileOptions(server, capture, options), { sessionId, kind: 'session' }), capture };
}

/** The transport alone for `server`, with the same limits and session as `hostileClient`'s. */
export function hostileTransport(server: HostileServer, options: Partial<VaultClientOptions> = {}, sessionId = hostileSessionId): { transport: VaultTransport; capture: Capture } {
  const capture = captureLog();
  return { transport: new VaultTransport(hostileOptions(server, capture, options), { sessionId, kind: 'session' }), capture };
}
