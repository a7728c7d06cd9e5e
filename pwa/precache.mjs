// Trunk post-build hook: writes sw.js into the build with this build's file list and a
// version that changes whenever any file does, then the build's compressed copies
// (compress.mjs; they are not precached: the browser stores what it was sent decoded).
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";

import { compressBuild } from "./compress.mjs";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)");

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out;
}

const all = (await files(staging)).filter((p) => !p.endsWith(`${sep}sw.js`)).sort();
const hash = createHash("sha256");
for (const path of all) hash.update(relative(staging, path)).update(await readFile(path));
const version = hash.digest("hex").slice(0, 16);
const precache = all.map((p) => "/" + relative(staging, p).split(sep).join("/"));

const template = await readFile(new URL("./sw.js", import.meta.url), "utf-8");
const sw = template.replace("__VERSION__", version).replace("__PRECACHE__", JSON.stringify(precache, null, 2));
await writeFile(join(staging, "sw.js"), sw);
console.log(`sw.js: version ${version}, ${precache.length} files precached`);
await compressBuild(staging);
