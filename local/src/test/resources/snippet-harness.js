// Runs the page snippet (site/leadtriage.js) in Node with just enough of a browser around it, and prints
// what it would send with navigator.sendBeacon: the payloads the events endpoint must accept.
// Usage: node snippet-harness.js <snippet.js> <token> <pathname> [pricing]
"use strict";
const fs = require("fs");
const vm = require("vm");
const [snippetFile, token, pathname, pageKind] = process.argv.slice(2);
const beacons = [];
let clickListener = null;
const sandbox = {
  window: {},
  self: { crypto: { randomUUID: () => require("crypto").randomUUID() } },
  crypto: { randomUUID: () => require("crypto").randomUUID() },
  location: { origin: "https://www.example.com", pathname, search: "?email=leak@example.com" },
  document: {
    currentScript: { getAttribute: (name) => (name === "data-api" ? "https://api.example.com/" : null) },
    documentElement: { getAttribute: (name) => (name === "data-leadtriage-page" ? pageKind || null : null) },
    addEventListener: (type, listener) => { if (type === "click") clickListener = listener; },
  },
  navigator: {
    sendBeacon: (url, blob) => { beacons.push({ url, blob }); return true; },
  },
  Blob: class { constructor(parts, options) { this.text = parts.join(""); this.type = options.type; } },
  JSON,
  URL,
};
sandbox.window.localStorage = { getItem: (key) => (key === "leadtriage.token" ? token : null) };
sandbox.window.sessionStorage = { getItem: () => null };
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(snippetFile, "utf8"), sandbox);
if (clickListener) {
  const guide = { href: "https://www.example.com/guide.pdf?email=leak@example.com#top" };
  clickListener({ target: { closest: (selector) => (selector.includes("download") ? guide : null) } });
}
process.stdout.write(JSON.stringify(beacons.map((b) => ({ url: b.url, contentType: b.blob.type, body: b.blob.text }))));
