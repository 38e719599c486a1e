// Test driver: runs one case (JSON, first argument) against $SAMPLE_DIR/token-manager.mjs and
// prints {"results": [...]} as one JSON line. Tokens appear only as sha256 prefixes.
import { createHash } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const { TokenManager } = await import(pathToFileURL(join(process.env.SAMPLE_DIR, "token-manager.mjs")).href);
const spec = JSON.parse(process.argv[2]);
const manager = new TokenManager({ clientId: spec.client_id, clientSecret: spec.client_secret });
const start = performance.now();

const hash = (token) => createHash("sha256").update(token, "utf8").digest("hex").slice(0, 12);
const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const messageOf = (err) => (err instanceof Error ? err.message : String(err));

async function request() {
  const response = await manager.fetch(spec.api_url);
  await response.arrayBuffer();
  return response.status;
}

async function settle(n, call) {
  const outcomes = await Promise.allSettled(Array.from({ length: n }, call));
  return {
    values: outcomes.filter((o) => o.status === "fulfilled").map((o) => o.value),
    errors: outcomes.filter((o) => o.status === "rejected").map((o) => messageOf(o.reason)),
  };
}

async function perform(step) {
  switch (step.op) {
    case "request":
      return { status: await request() };
    case "get_token":
      return { token: hash(await manager.getToken()) };
    case "concurrent_get_token": {
      const { values, errors } = await settle(step.n, () => manager.getToken());
      return { tokens: values.map(hash), errors };
    }
    case "concurrent_request": {
      const { values, errors } = await settle(step.n, request);
      return { statuses: values, errors };
    }
    case "sleep":
      await sleep(step.seconds);
      return {};
    case "revoke": {
      const url = `${spec.server}/_test/revoke?client_id=${encodeURIComponent(spec.client_id)}`;
      const response = await fetch(url, { method: "POST" });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`revoke answered HTTP ${response.status}`);
      return {};
    }
    case "invalidate":
      manager.invalidate();
      return {};
    case "repeat": {
      const results = [];
      for (let i = 0; i < step.count; i++) {
        if (i > 0 && step.interval) await sleep(step.interval);
        results.push(await run(step.step));
      }
      return { results };
    }
    default:
      throw new Error(`unknown op ${step.op}`);
  }
}

// One result: the op, the time it finished (seconds since the case started, monotonic), how long
// it took (seconds), and its outcome, or {"error": message} if it threw.
async function run(step) {
  const began = performance.now();
  let outcome;
  try {
    outcome = await perform(step);
  } catch (err) {
    outcome = { error: messageOf(err) };
  }
  const finished = performance.now();
  return { op: step.op, t: (finished - start) / 1000, elapsed: (finished - began) / 1000, ...outcome };
}

const results = [];
for (const step of spec.steps) results.push(await run(step));
process.stdout.write(`${JSON.stringify({ results })}\n`);
