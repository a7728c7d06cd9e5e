// embed.js: puts the ASI form in a frame on a clinic's own web page (docs/embed.md).
// No dependencies, no inline styles or scripts: it works under a strict Content-Security-Policy
// that allows this script's origin in script-src and frame-src.
//
//   <script src="https://APP/embed.js" data-clinic="ID" data-form="asi_kort"
//           data-mode="identified"></script>
//
// data-mode: "identified" (intake with CPR, name and consent) or "anonymous" (the self-test).
// Optional: data-timepoint (identified; default intake), data-color, data-background,
// data-accent (#rrggbb), data-font (a font the device has), data-title (the frame's name).
// The frame tells the page asi:ready, asi:resize {height}, asi:queued {id} and asi:sent {id}
// as window messages (only to origins the clinic allows) and, through this script, as
// events of those names on the frame element (event.detail is the message).
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var app = new URL(script.src, location.href);
  var data = script.dataset;
  if (!data.clinic) {
    console.error("embed.js: data-clinic is missing; no form is shown.");
    return;
  }
  var anonymous = data.mode === "anonymous";
  var url = new URL(anonymous ? "/selvtest" : "/", app.origin);
  var params = url.searchParams;
  params.set("klinik", data.clinic);
  if (!anonymous) params.set("mode", "identified");
  if (data.form) params.set("form", data.form);
  if (data.timepoint && !anonymous) params.set("timepoint", data.timepoint);
  params.set("embed", "1");
  // The app uses these only when every colour pair keeps WCAG AA contrast.
  var look = { color: "fg", background: "bg", accent: "accent", font: "font" };
  Object.keys(look).forEach(function (key) {
    if (data[key]) params.set(look[key], data[key].replace(/^#/, ""));
  });

  var frame = document.createElement("iframe");
  frame.src = url.href;
  frame.title = data.title || "Spørgeskema";
  frame.style.display = "block";
  frame.style.width = "100%";
  frame.style.border = "0";
  frame.style.height = "640px";
  script.parentNode.insertBefore(frame, script.nextSibling);

  window.addEventListener("message", function (event) {
    if (event.origin !== app.origin || event.source !== frame.contentWindow) return;
    var message = event.data;
    if (!message || typeof message.type !== "string" || message.type.indexOf("asi:") !== 0) return;
    if (message.type === "asi:resize" && typeof message.height === "number" && message.height > 0) {
      frame.style.height = Math.ceil(message.height) + "px";
    }
    frame.dispatchEvent(new CustomEvent(message.type, { detail: message, bubbles: true }));
  });
})();
