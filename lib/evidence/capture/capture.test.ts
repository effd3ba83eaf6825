import { afterAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-events";
import { AppError } from "@/lib/errors/app-error";
import { drainJobs } from "@/lib/jobs/worker";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { submitSample } from "@/lib/test/fixtures";
import { serveLocally } from "@/lib/test/http";
import { drainJobsPastBackoff } from "@/lib/test/jobs";
import { useTestWorld } from "@/lib/test/world";
import { EVIDENCE_JOB_HANDLERS } from "../derive/handlers";
import { getEvidence } from "../get-evidence";
import { openEvidenceContent } from "../read-content";
import { isPublicAddress, resolveFetchableAddress } from "./address-guard";
import { requestPageCapture } from "./request-capture";

describe("the capture address guard", () => {
  it.each(["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "224.0.0.1"])(
    "refuses %s",
    async (address) => {
      expect(isPublicAddress(address)).toBe(false);
      await expect(resolveFetchableAddress(address, [])).rejects.toMatchObject({ code: "INVALID_STATE", details: { guard: "address" } });
    },
  );

  it.each(["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "1.1.1.1"])("lets %s through", async (address) => {
    expect(isPublicAddress(address)).toBe(true);
    await expect(resolveFetchableAddress(address, [])).resolves.toMatchObject({ address });
  });

  it("lets an allowlisted host through", async () => {
    await expect(resolveFetchableAddress("127.0.0.1", ["127.0.0.1"])).resolves.toMatchObject({ address: "127.0.0.1" });
  });
});

describe.each(TEST_DRIVERS)("page capture on %s", (driver) => {
  const world = useTestWorld(driver, {
    roles: ["submitter"],
    setup: async ({ db, submitter }) => ({
      claimId: (await submitSample(db, submitter)).id,
      ...(await serveLocally((req, res) => {
        if (req.url === "/inward") {
          res.writeHead(302, { Location: "http://10.0.0.1/secret" }).end();
          return;
        }
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "X-Test": "yes" });
        res.end("<!doctype html><html><head><title>Mass grave near Sanubir &amp; Jableh</title><script>var x=1</script></head><body><h1>Report</h1><p>Bodies were found near the village.</p></body></html>");
      })),
    }),
  });
  // Registered after the world's, so it runs before the database closes (hooks unwind as a stack).
  afterAll(() => {
    world.server.close();
  });

  it("captures an allowlisted local page as a WARC with its title, text and headers", async () => {
    const { db } = world;
    const requested = await requestPageCapture(db, world.submitter, world.claimId, { url: `${world.base}/report` });
    expect(requested.processing).toEqual({ capture: "pending" });
    expect(requested.sha256).toBeNull();
    await drainJobs(db, EVIDENCE_JOB_HANDLERS);
    const item = await getEvidence(db, world.submitter, requested.id);
    expect(item.processing).toEqual({ capture: "done" });
    expect(item.mediaType).toBe("application/warc");
    expect(item.metadata).toMatchObject({ title: "Mass grave near Sanubir & Jableh", status: 200 });
    expect(String(item.metadata.text)).toContain("Bodies were found near the village.");
    expect(String(item.metadata.text)).not.toContain("var x");
    const { stream } = await openEvidenceContent(db, world.submitter, item.id, "api");
    const chunks: Buffer[] = [];
    for await (const chunk of stream!) chunks.push(chunk as Buffer);
    const warc = Buffer.concat(chunks).toString("utf8");
    expect(warc.startsWith("WARC/1.1\r\n")).toBe(true);
    expect(warc).toContain("WARC-Type: warcinfo");
    expect(warc).toContain("WARC-Type: request");
    expect(warc).toContain("WARC-Type: response");
    expect(warc).toMatch(/x-test: yes/i);
    expect(warc).toContain("<p>Bodies were found near the village.</p>");
  });

  it("refuses private, link-local, metadata and loopback addresses at the door", async () => {
    const { db } = world;
    for (const url of ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://localhost/", "http://localhost./", "http://x.localhost./"]) {
      const error = await requestPageCapture(db, world.submitter, world.claimId, { url }).catch((e: AppError) => e);
      expect(error, url).toBeInstanceOf(AppError);
      expect((error as AppError).details.guard, url).toBe("address");
    }
  });

  it("re-checks every redirect: a public page cannot send the capture inward", async () => {
    const { db } = world;
    const requested = await requestPageCapture(db, world.submitter, world.claimId, { url: `${world.base}/inward` });
    await drainJobsPastBackoff(db, requested.id, EVIDENCE_JOB_HANDLERS);
    const item = await getEvidence(db, world.submitter, requested.id);
    expect(item.processing).toEqual({ capture: "failed" });
    expect(item.sha256).toBeNull();
    const custody = await listAuditEvents(db, world.submitter, { entity: `evidence:${item.id}` });
    const failure = custody.items.find((e) => e.type === "evidence.capture_failed");
    expect(JSON.stringify(failure?.data)).toContain("10.0.0.1 resolves to a non-public address");
    // The item itself says why in plain words, without the internal address.
    expect(item.status).toBe("failed");
    expect(item.captureError).toBe("The address leads into a private network, so it was not fetched.");
  });
});
