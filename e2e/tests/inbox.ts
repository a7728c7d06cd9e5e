// A real inbox for a test: `asi-inbox` with a fresh SQLite file and a demo clinic whose key
// pair `asi keygen` makes, serving the built app (../dist) on a free port of localhost.
// The binaries come from ASI_BIN_DIR (default ../target/debug; scripts/test.sh builds them).
import { test as base } from "@playwright/test";
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createHash, randomBytes } from "node:crypto";

const binDir = resolve(process.env.ASI_BIN_DIR ?? "../target/debug");
const dist = resolve("../dist");

export const bin = (name: string) => join(binDir, name);

export type Envelope = { v: number; id: string; key_id: string; enc: string; aad: string; ct: string };

export class Inbox {
  constructor(
    readonly url: string,
    readonly clinic: { id: string; name: string; publicKey: string },
    readonly keyFile: string,
    readonly token: string,
    private process: ChildProcess,
    private dir: string,
  ) {}

  /** Every envelope the clinic's reader can fetch, in the order stored. */
  async envelopes(): Promise<Envelope[]> {
    const response = await fetch(`${this.url}/api/v1/envelopes?limit=1000`, {
      headers: { Authorization: `Bearer ${this.token}` },
    });
    if (response.status !== 200) throw new Error(`reading the inbox: ${response.status}`);
    return (await response.json()).items;
  }

  /** `asi export` of the inbox, decrypted with the clinic's key: one object per response. */
  exportJsonl(): Array<Record<string, any>> {
    const out = execFileSync(
      bin("asi"),
      ["export", "--key", this.keyFile, "--inbox", this.url, "--token", this.token, "--format", "jsonl"],
      { encoding: "utf-8" },
    );
    return out.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
  }

  async stop() {
    const exited = new Promise((ok) => this.process.once("exit", ok));
    this.process.kill("SIGTERM");
    await exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The address the inbox prints once it listens (`asi-inbox: listening on http://…`). */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((ok, fail) => {
    let seen = "";
    child.stdout!.on("data", (chunk) => {
      seen += chunk;
      const found = seen.match(/listening on (http:\/\/\S+)/);
      if (found) ok(found[1]);
    });
    child.once("exit", (code) => fail(new Error(`asi-inbox exited with ${code} before listening`)));
  });
}

export async function startInbox(): Promise<Inbox> {
  const dir = mkdtempSync(join(tmpdir(), "asi-e2e-inbox-"));
  const keyFile = join(dir, "clinic.key");
  const { public_key: publicKey } = JSON.parse(
    execFileSync(bin("asi"), ["keygen", "--out", keyFile], { encoding: "utf-8" }),
  );
  const token = randomBytes(32).toString("base64url");
  const clinic = { id: "demo", name: "Demo Rusmiddelcenter", publicKey };
  const config = join(dir, "inbox.toml");
  writeFileSync(
    config,
    [
      `listen = "127.0.0.1:0"`,
      `database = ${JSON.stringify(join(dir, "inbox.sqlite"))}`,
      `app_dir = ${JSON.stringify(dist)}`,
      `allowed_origins = []`,
      ``,
      `[[clinics]]`,
      `id = "${clinic.id}"`,
      `name = "${clinic.name}"`,
      `contact = "Tlf. 70 00 00 00"`,
      `public_key = "${publicKey}"`,
      `reader_token_sha256 = "${createHash("sha256").update(token).digest("hex")}"`,
    ].join("\n"),
  );
  const child = spawn(bin("asi-inbox"), ["--config", config], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await listeningUrl(child);
  return new Inbox(url, clinic, keyFile, token, child, dir);
}

/** Playwright's `test` with a fresh inbox per test. */
export const test = base.extend<{ inbox: Inbox }>({
  inbox: async ({}, use) => {
    const inbox = await startInbox();
    await use(inbox);
    await inbox.stop();
  },
});
export { expect } from "@playwright/test";
