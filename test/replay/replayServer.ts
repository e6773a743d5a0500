// Serves recorded real Vault answers (test/fixtures/vault-responses) byte for byte, with the HTTP
// status they were recorded with, over a real socket on 127.0.0.1. Unlike the simulator it decides
// nothing: a test names which recorded answer each request gets, so what the client makes of a
// real answer is tested without our reading of the docs in between.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export const fixturesDir = path.resolve(__dirname, '../../../test/fixtures/vault-responses');

export type Origin = 'live' | 'docs';

/** One entry of index.json: where a body came from and how it was answered. */
export interface RecordedResponse {
  file: string;
  request: string;
  httpStatus: number;
  apiVersion: string;
  origin: Origin;
  source: { ref?: string; path?: string; url?: string; where?: string };
  transcription: string;
  redacted?: string;
  notes?: string;
}

interface Manifest {
  sources: Record<string, { repository: string }>;
  responses: RecordedResponse[];
}

export function loadManifest(): Manifest {
  return JSON.parse(readFileSync(path.join(fixturesDir, 'index.json'), 'utf8')) as Manifest;
}

export function recordedBody(file: string): Buffer {
  return readFileSync(path.join(fixturesDir, file));
}

/** Which recorded answer a request gets: the first route whose method and path (with query) match. */
export interface ReplayRoute {
  method: string;
  path: RegExp;
  file: string;
  /** Answer only this many times, then fall through to later routes (default: always). */
  times?: number;
}

export interface ReplayedRequest {
  method: string;
  path: string;
  body: string;
  /** Authorization header as sent (the recorded session IDs are public and redacted). */
  authorization?: string;
  /** The recorded file that answered, or undefined when no route matched. */
  answeredWith?: string;
}

export interface ReplayServer {
  /** 'host:port', what a user types as the Vault DNS. */
  readonly dns: string;
  readonly requests: ReplayedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a server answering with recorded bodies. A request no route matches gets HTTP 599 and a
 * plain-text body naming it, so a test that forgot a route fails on an answer no client mistakes for Vault's.
 */
export async function startReplay(routes: ReplayRoute[]): Promise<ReplayServer> {
  const manifest = new Map(loadManifest().responses.map((r) => [r.file, r]));
  const remaining = routes.map((route) => {
    const recorded = manifest.get(route.file);
    if (!recorded) throw new Error(`${route.file} is not in ${path.join(fixturesDir, 'index.json')}`);
    return { route, recorded, body: recordedBody(route.file), left: route.times ?? Infinity };
  });
  const requests: ReplayedRequest[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const entry: ReplayedRequest = { method: req.method ?? '', path: req.url ?? '', body, authorization: req.headers.authorization };
      requests.push(entry);
      const match = remaining.find((r) => r.left > 0 && r.route.method === entry.method && r.route.path.test(entry.path));
      if (!match) {
        res.writeHead(599, { 'Content-Type': 'text/plain' }).end(`no recorded answer for ${entry.method} ${entry.path}`);
        return;
      }
      match.left--;
      entry.answeredWith = match.route.file;
      // No source recorded Vault's headers; only the content type is sent.
      res.writeHead(match.recorded.httpStatus, { 'Content-Type': 'application/json' }).end(match.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dns: `127.0.0.1:${port}`,
    requests,
    close: () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
