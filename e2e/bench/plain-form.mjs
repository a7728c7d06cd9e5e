// The plain-HTML floor: the ASI kort as one semantic HTML page with no script, generated
// from the instrument's data (crates/instrument/data/instrument-v2.json) with the app's
// stylesheet inlined, and a tiny server that sends it brotli-compressed. What the app is
// compared with: the same questions, on the same connection, without any code.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { brotliCompressSync, constants } from "node:zlib";

// The app's own words around the data (src/ui/texts/: common.rs, fields.rs).
const WORDS = { yes: "Ja", no: "Nej", days: "dage", kroner: "kr.", decline: "Vil ikke svare", help: "Hjælp til spørgsmålet", send: "Send" };

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** The choices of a radio-group item as [value, label], as the app shows them (src/ui/choices.rs). */
function choices(item, scales) {
  const type = item.type;
  switch (type.kind) {
    case "yes_no": return [["true", WORDS.yes], ["false", WORDS.no]];
    case "rating": return scales.find((s) => s.id === type.scale).labels.map((l, i) => [String(i), l.da]);
    case "choice": return type.options.map((o) => [o.code, o.text.da]);
    case "wellbeing": return Array.from({ length: 11 }, (_, n) =>
      [String(n), { 0: `0 – ${type.low.da}`, 5: `5 – ${type.mid.da}`, 10: `10 – ${type.high.da}` }[n] ?? String(n)]);
    default: return null;
  }
}

function help(item) {
  return item.help ? `<details class="help"><summary>${WORDS.help}</summary><p id="${item.id}-help">${esc(item.help.da)}</p></details>` : "";
}

function field(item, scales) {
  const { id } = item;
  const describedBy = item.help ? ` aria-describedby="${id}-help"` : "";
  const decline = item.required ? [] : [["", WORDS.decline]];
  const options = choices(item, scales);
  if (options) {
    const radios = [...options, ...decline].map(([value, label], i) =>
      `<label class="choice"><input type="radio" id="${i ? `${id}-${i}` : id}" name="${id}" value="${esc(value)}"><span>${esc(label)}</span></label>`).join("");
    return `<fieldset class="field choice-field${item.type.kind === "wellbeing" ? " wellbeing" : ""}"${describedBy}><legend class="question">${esc(item.text.da)}</legend>${help(item)}<div class="choices">${radios}</div></fieldset>`;
  }
  const label = `<label for="${id}" class="question">${esc(item.text.da)}</label>${help(item)}`;
  const declineBox = item.required ? "" : `<label class="decline"><input type="checkbox" name="${id}" value="declined">${WORDS.decline}</label>`;
  switch (item.type.kind) {
    case "days":
    case "kroner": {
      const unit = item.type.kind === "days" ? WORDS.days : WORDS.kroner;
      return `<div class="field number-field">${label}<div class="number-row"><input id="${id}" name="${id}" type="text" inputmode="numeric" autocomplete="off" class="number${item.type.kind === "kroner" ? " wide" : ""}"${describedBy}><span class="unit" aria-hidden="true">${unit}</span></div>${declineBox}</div>`;
    }
    case "long_text":
      return `<div class="field text-field long-text-field">${label}<textarea id="${id}" name="${id}" rows="6" class="long-text"${describedBy}></textarea>${declineBox}</div>`;
    default: {
      const type = item.type.kind === "date" ? "date" : "text";
      return `<div class="field text-field">${label}<input id="${id}" name="${id}" type="${type}" class="text"${describedBy}></div>`;
    }
  }
}

/** The whole form `formId` as one HTML page, every section in order, with `css` inlined. */
export function plainFormHtml(instrument, formId, css) {
  const form = instrument.forms.find((f) => f.id === formId);
  const sections = form.sections.map((sectionId) => {
    const section = instrument.sections.find((s) => s.id === sectionId);
    const items = instrument.items.filter((i) => i.section === sectionId);
    const blocks = [];
    for (let k = 0; k < items.length; k++) {
      const group = items[k].group && instrument.groups.find((g) => g.id === items[k].group);
      if (!group) { blocks.push(field(items[k], instrument.scales)); continue; }
      const members = [];
      while (k < items.length && items[k].group === group.id) members.push(field(items[k++], instrument.scales));
      k--;
      blocks.push(`<fieldset class="group"><legend>${esc(group.text.da)}</legend>${group.help ? `<p class="hint">${esc(group.help.da)}</p>` : ""}${members.join("")}</fieldset>`);
    }
    const intro = section.intro ? `<p class="lead">${esc(section.intro.da)}</p>` : "";
    return `<section aria-labelledby="s-${sectionId}"><h2 id="s-${sectionId}">${esc(section.title.da)}</h2>${intro}${blocks.join("")}</section>`;
  });
  return `<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(form.title.da)}</title><link rel="icon" href="data:,"><style>${css}</style></head>
<body><header class="site-header"><p class="brand">ASI selvtest</p></header><main class="page"><h1>${esc(form.title.da)}</h1><p class="lead">${esc(form.description.da)}</p>
<form id="${formId}" class="section-form" method="post">${sections.join("\n")}<div class="nav-buttons"><button type="submit" class="button primary">${WORDS.send}</button></div></form></main></body></html>
`;
}

/** Generates the page from the repository's data and stylesheet. */
export async function buildPlainForm(root) {
  const instrument = JSON.parse(await readFile(new URL("crates/instrument/data/instrument-v2.json", root), "utf-8"));
  const css = await readFile(new URL("style/main.css", root), "utf-8");
  return plainFormHtml(instrument, "asi_kort", css);
}

/** Serves `html` at / (brotli 11 when the browser accepts it, as the inbox serves the app). */
export async function servePlain(html, port) {
  const raw = Buffer.from(html);
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  const server = createServer((req, res) => {
    if (req.url !== "/") return res.writeHead(404).end();
    const brotli = /\bbr\b/.test(req.headers["accept-encoding"] ?? "");
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-cache",
      vary: "accept-encoding",
      ...(brotli ? { "content-encoding": "br" } : {}),
    });
    res.end(brotli ? br : raw);
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  return { server, raw: raw.length, brotli: br.length };
}
