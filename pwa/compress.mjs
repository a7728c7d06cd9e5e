// Writes a brotli (quality 11) and a gzip (level 9) copy beside every text and wasm file of a
// build (`x.wasm` → `x.wasm.br`, `x.wasm.gz`). The inbox sends these copies as they are, so a
// phone gets the smallest transfer without the server compressing on every request (which
// it can only afford at a low quality). Used by precache.mjs (the citizen app) and as the
// reader's trunk post_build hook.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const compressible = new Set([".html", ".js", ".css", ".wasm", ".svg", ".webmanifest", ".json"]);

export async function compressBuild(dir) {
  let count = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !compressible.has(extname(entry.name))) continue;
    const path = join(entry.parentPath, entry.name);
    const body = await readFile(path);
    await writeFile(`${path}.br`, brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }));
    await writeFile(`${path}.gz`, gzipSync(body, { level: 9 }));
    count += 1;
  }
  console.log(`compressed copies (.br, .gz) of ${count} files`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const staging = process.env.TRUNK_STAGING_DIR;
  if (!staging) throw new Error("run by trunk as a post_build hook (TRUNK_STAGING_DIR is not set)");
  await compressBuild(staging);
}
