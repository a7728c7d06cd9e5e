// A real inbox for a test: `asi-inbox` with a fresh SQLite file and a demo clinic whose key
// pair `asi keygen` makes, serving the built app (../dist) on a free port of localhost.
// The binaries come from ASI_BIN_DIR (default ../target/debug; scripts/test.sh builds them).
import { test as base } from "./fixtures";
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createHash, randomBytes } from "node:crypto";

const binDir = resolve(process.env.ASI_BIN_DIR ?? "../target/debug");
const dist = resolve("../dist");

export const bin = (name: string) => join(binDir, name);

export type Envelope = { v: number; id: string; key_id: string; enc: string; aad: string; ct: string };

/** One follow-up link made by `asi links`. */
export type FollowUpLink = { ref: string; token: string; url: string };

/** Extra settings of the demo clinic, written as TOML keys of its `[[clinics]]` entry. */
export type StartOptions = { clinic?: Record<string, unknown> };

/** A value as TOML: strings quoted, numbers and booleans bare, arrays, tables inline. */
function toml(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(toml).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{ ${entries.map(([k, v]) => `${tomlKey(k)} = ${toml(v)}`).join(", ")} }`;
  }
  throw new Error(`no TOML for ${String(value)}`);
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

/** A CSV field, quoted when it must be. */
function csvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** The rows of CSV text (RFC 4180: quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (c !== "\r") {
      field += c;
    }
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

export class Inbox {
  /** The inbox's SQLite file. */
  readonly sqlitePath: string;

  /** The clinic's key files, oldest first; the last is the current key (`keyFile`). */
  readonly keyFiles: string[];

  constructor(
    readonly url: string,
    readonly clinic: { id: string; name: string; publicKey: string },
    public keyFile: string,
    readonly token: string,
    private process: ChildProcess,
    private dir: string,
    private options: StartOptions,
  ) {
    this.sqlitePath = join(dir, "inbox.sqlite");
    this.keyFiles = [keyFile];
  }

  /**
   * Rotates the clinic's key as `docs/operations.md` says: a new key pair (`asi keygen`), the
   * old public key moved to `earlier_keys`, and the inbox restarted on the same address with
   * the same database. Returns the new key file; `keyFiles` lists every key file.
   */
  async rotate(): Promise<string> {
    const keyFile = join(this.dir, `clinic-${this.keyFiles.length + 1}.key`);
    const { public_key: publicKey } = JSON.parse(
      // keygen's backup advice on stderr is for people, not for the test log.
    execFileSync(bin("asi"), ["keygen", "--out", keyFile], { encoding: "utf-8", stdio: ["ignore", "pipe", "pipe"] }),
    );
    const earlier = [this.clinic.publicKey, ...((this.options.clinic?.earlier_keys as unknown[]) ?? [])];
    this.keyFiles.push(keyFile);
    this.clinic.publicKey = publicKey;
    this.keyFile = keyFile;
    this.options = {
      clinic: { ...this.options.clinic, earlier_keys: earlier.map((key) => (typeof key === "string" ? { public_key: key } : key)) },
    };
    const exited = new Promise((ok) => this.process.once("exit", ok));
    this.process.kill("SIGTERM");
    await exited;
    const config = writeConfig(this.dir, new URL(this.url).host, this.clinic, this.token, this.options);
    this.process = spawn(bin("asi-inbox"), ["--config", config], { stdio: ["ignore", "pipe", "inherit"] });
    await listeningUrl(this.process);
    return keyFile;
  }

  /**
   * `asi links` for the demo clinic: one single-use link per reference (the inbox gets only
   * the tokens' hashes). `expires` is the number of days the links stay valid (default 30).
   */
  links(
    refs: string[],
    opts: { form: string; timepoint: string; expires?: number },
  ): FollowUpLink[] {
    const out = execFileSync(
      bin("asi"),
      [
        "links",
        "--inbox", this.url,
        "--clinic", this.clinic.id,
        "--form", opts.form,
        "--timepoint", opts.timepoint,
        "--expires", String(opts.expires ?? 30),
        "-",
      ],
      { encoding: "utf-8", input: ["ref", ...refs.map(csvField)].join("\n") + "\n", env: this.readerEnv() },
    );
    const [header, ...rows] = parseCsv(out);
    if (header?.join(",") !== "ref,token,url") throw new Error(`asi links printed ${out}`);
    return rows.map(([ref, token, url]) => ({ ref, token, url }));
  }

  /** The environment for `asi links` / `asi export`: the reader token in `ASI_READER_TOKEN`, not on the command line. */
  readerEnv() {
    return { ...process.env, ASI_READER_TOKEN: this.token };
  }

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
      ["export", "--key", this.keyFile, "--inbox", this.url, "--format", "jsonl"],
      { encoding: "utf-8", env: this.readerEnv() },
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

/** Writes the inbox's configuration for the demo clinic into `dir`; returns its path. */
function writeConfig(
  dir: string,
  listen: string,
  clinic: { id: string; name: string; publicKey: string },
  token: string,
  options: StartOptions,
): string {
  const config = join(dir, "inbox.toml");
  writeFileSync(
    config,
    [
      `listen = "${listen}"`,
      `database = ${JSON.stringify(join(dir, "inbox.sqlite"))}`,
      `app_dir = ${JSON.stringify(dist)}`,
      `allowed_origins = []`,
      ``,
      `[[clinics]]`,
      `id = "${clinic.id}"`,
      `name = "${clinic.name}"`,
      `contact = "Tlf. 70 00 00 00"`,
      `public_key = "${clinic.publicKey}"`,
      `reader_token_sha256 = "${createHash("sha256").update(token).digest("hex")}"`,
      ...Object.entries(options.clinic ?? {}).map(([key, value]) => `${tomlKey(key)} = ${toml(value)}`),
    ].join("\n"),
  );
  return config;
}

export async function startInbox(options: StartOptions = {}): Promise<Inbox> {
  const dir = mkdtempSync(join(tmpdir(), "asi-e2e-inbox-"));
  const keyFile = join(dir, "clinic.key");
  const { public_key: publicKey } = JSON.parse(
    // keygen's backup advice on stderr is for people, not for the test log.
    execFileSync(bin("asi"), ["keygen", "--out", keyFile], { encoding: "utf-8", stdio: ["ignore", "pipe", "pipe"] }),
  );
  const token = randomBytes(32).toString("base64url");
  const clinic = { id: "demo", name: "Demo Rusmiddelcenter", publicKey };
  const config = writeConfig(dir, "127.0.0.1:0", clinic, token, options);
  const child = spawn(bin("asi-inbox"), ["--config", config], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await listeningUrl(child);
  return new Inbox(url, clinic, keyFile, token, child, dir, options);
}

/** Playwright's `test` with a fresh inbox per test. */
export const test = base.extend<{ inbox: Inbox }>({
  inbox: async ({}, use) => {
    const inbox = await startInbox();
    await use(inbox);
    await inbox.stop();
  },
});
export { expect } from "./fixtures";
