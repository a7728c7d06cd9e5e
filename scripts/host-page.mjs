// The example clinic page of scripts/start.sh: serves one HTML file at "/" on its own origin,
// under a strict Content-Security-Policy that allows only the app's script and frame
// (docs/embed.md §4). Usage: node scripts/host-page.mjs FILE PORT APP_ORIGIN
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";

const [file, port, app] = process.argv.slice(2);
const csp = `default-src 'none'; script-src ${app}; frame-src ${app}; base-uri 'none'; form-action 'none'`;

createServer(async (request, response) => {
  if (request.method !== "GET" || new URL(request.url, "http://x").pathname !== "/") {
    response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
    return;
  }
  response.writeHead(200, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
  });
  response.end(await readFile(file));
}).listen(Number(port), "127.0.0.1");
