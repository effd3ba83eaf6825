import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small load balancer on loopback for the several-servers tests: each request goes to the next
 * server in turn (per request, not per connection, so consecutive calls of one client alternate).
 * A server that refuses the connection (stopped, killed) is skipped and the request sent to the
 * next, as a balancer's passive health check does; a request whose server dies after taking it
 * is answered 502, never sent again (it may have been done). Bodies are read whole first (the
 * tests send small ones), so a skipped request can be sent again as it was.
 */
export type RoundRobin = {
  base: string;
  /** How many requests each server answered, in the order the servers were given. */
  answeredBy: number[];
  /** The server that answered each request, in order (its index). */
  trail: number[];
  close: () => Promise<void>;
};

const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"];

export async function startRoundRobin(backends: string[]): Promise<RoundRobin> {
  let next = 0;
  const answeredBy = backends.map(() => 0);
  const trail: number[] = [];
  // A new connection per request: a server killed meanwhile refuses it (and is skipped) rather than resetting a pooled one.
  const agent = new http.Agent({ keepAlive: false });

  const send = (index: number, request: http.IncomingMessage, body: Buffer) =>
    new Promise<http.IncomingMessage>((resolve, reject) => {
      const target = new URL(request.url ?? "/", backends[index]);
      // The Host the client asked for is passed on, as balancers do: the servers' absolute URLs
      // (a tus upload's Location) then name the balancer, and the next request goes through it.
      const headers: http.OutgoingHttpHeaders = { ...request.headers, "content-length": String(body.length) };
      for (const name of HOP_BY_HOP) delete headers[name];
      const outgoing = http.request(target, { method: request.method, headers, agent }, resolve);
      outgoing.on("error", reject);
      outgoing.end(body);
    });

  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const first = next;
    next = (next + 1) % backends.length;
    for (let attempt = 0; attempt < backends.length; attempt++) {
      const index = (first + attempt) % backends.length;
      try {
        const answer = await send(index, request, body);
        answeredBy[index] += 1;
        trail.push(index);
        const headers: http.OutgoingHttpHeaders = { ...answer.headers };
        for (const name of HOP_BY_HOP) delete headers[name];
        response.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(response);
        answer.on("error", () => response.destroy());
        return;
      } catch (error) {
        // Refused: the server is not there; try the next. Anything else: it may have taken the request.
        if ((error as NodeJS.ErrnoException).code === "ECONNREFUSED") continue;
        response.writeHead(502, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { code: "BAD_GATEWAY", message: String((error as Error).message) } }));
        return;
      }
    }
    response.writeHead(503, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: { code: "UNAVAILABLE", message: "no server answers" } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    answeredBy,
    trail,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
