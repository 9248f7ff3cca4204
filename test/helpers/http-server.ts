// A local HTTP server for tests (127.0.0.1, a free port): each test decides per request what to send,
// including slow, failing, garbage and truncated responses. No other network is touched.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;

export interface TestServer {
  url: string;
  /** Request paths with their query, in arrival order. */
  requests: string[];
  headers: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: string[] = [];
  const headers: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    headers.push(req.headers);
    handler(req, res, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    headers,
    close: () => {
      // Responses a test left hanging must not keep the server open.
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export function sendJson(res: http.ServerResponse, body: unknown, status = 200): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** The page number a request asks for (?page=N), 0 when absent. */
export function pageOf(req: http.IncomingMessage): number {
  return Number(new URL(req.url ?? "/", "http://x").searchParams.get("page") ?? 0);
}
