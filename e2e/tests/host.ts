// A clinic's own web page on a second origin — http://localhost:<port>, another site than the
// app's http://127.0.0.1:<port>, or http://127.0.0.1:<other port>, the same site — embedding
// the form with embed.js under a strict Content-Security-Policy that allows nothing but the
// app's script and frame.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export class Host {
  private app = "";
  private attributes: Record<string, string> = {};

  constructor(
    readonly origin: string,
    private close_: () => Promise<void>,
  ) {}

  /** The page embeds the app at `appUrl` with these `data-*` attributes. */
  embed(appUrl: string, attributes: Record<string, string>) {
    this.app = new URL(appUrl).origin;
    this.attributes = attributes;
  }

  get url() {
    return `${this.origin}/`;
  }

  page(): { csp: string; html: string } {
    const data = Object.entries(this.attributes)
      .map(([key, value]) => ` data-${key}="${value}"`)
      .join("");
    return {
      csp: `default-src 'none'; script-src ${this.app}; frame-src ${this.app}; style-src 'none'; img-src 'none'; base-uri 'none'; form-action 'none'`,
      html: `<!DOCTYPE html>
<html lang="da">
<head><meta charset="utf-8"><title>Eksempel Rusmiddelcenter</title></head>
<body>
<main>
<h1>Indskrivning</h1>
<p>Udfyld skemaet herunder, før din første samtale.</p>
<script src="${this.app}/embed.js"${data}></script>
</main>
</body>
</html>`,
    };
  }

  close() {
    return this.close_();
  }
}

/**
 * A clinic page on its own port. By default on `localhost`, another site than the inbox's
 * `127.0.0.1` (a third-party frame); with `sameSite` on `127.0.0.1` too, the same site on
 * another origin (as `skema.klinik.dk` is to `www.klinik.dk`).
 */
export async function startHost({ sameSite = false } = {}): Promise<Host> {
  let host: Host | undefined;
  const server = createServer((request, response) => {
    if (request.url !== "/" || !host) {
      response.writeHead(404).end();
      return;
    }
    const { csp, html } = host.page();
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": csp });
    response.end(html);
  });
  await new Promise<void>((ok) => server.listen(0, ok));
  const { port } = server.address() as AddressInfo;
  host = new Host(`http://${sameSite ? "127.0.0.1" : "localhost"}:${port}`, () => new Promise((ok) => server.close(() => ok())));
  return host;
}
