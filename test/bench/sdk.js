// test/bench/sdk.js - the official Node.js SDK (tencentcloud-sdk-nodejs-intl-en)
// doing the same work as tcas against tcas-emu, for `make bench`.
//
//   node sdk.js NODE_MODULES HTTP_ENDPOINT one  ACTION PARAMS_JSON
//   node sdk.js NODE_MODULES HTTP_ENDPOINT loop ACTION PARAMS_JSON N
//
// HTTP_ENDPOINT is the emulator's "http://127.0.0.1:PORT". Only the SDK's
// common and AS parts are loaded (not the package index, which pulls in
// every product). TC3-HMAC-SHA256 is selected explicitly: the SDK's default
// is the older HmacSHA256 query signature.
//
// The SDK takes the signing service from the first label of the endpoint
// host, so it is given "as.localhost:PORT" (RFC 6761: localhost names are
// loopback) and the HTTP agent resolves that name to 127.0.0.1 itself; the
// SDK's code and its default keep-alive agent are otherwise untouched.
//
// Output (one line): "ok <calls> <seconds>" or "error <message>", exit 0/1.
"use strict";
const path = require("path");
const http = require("http");

const [mods, endpoint, mode, action, paramsJson, nStr] = process.argv.slice(2);
const sdk = path.join(path.resolve(mods), "tencentcloud-sdk-nodejs-intl-en", "tencentcloud");
const common = require(path.join(sdk, "common"));
const AsClient = require(path.join(sdk, "as", "v20180419", "as_client"));

const port = new URL(endpoint).port;
http.globalAgent.options.lookup = (host, opts, cb) => {
  if (opts && opts.all) cb(null, [{ address: "127.0.0.1", family: 4 }]);
  else cb(null, "127.0.0.1", 4);
};

const hp = new common.HttpProfile();
hp.protocol = "http://";
hp.endpoint = "as.localhost:" + port;
const cp = new common.ClientProfile("TC3-HMAC-SHA256", hp);
const cred = new common.Credential(process.env.TENCENTCLOUD_SECRET_ID,
                                   process.env.TENCENTCLOUD_SECRET_KEY);
const client = new AsClient(cred, "ap-guangzhou", cp);
const params = JSON.parse(paramsJson);

async function main() {
  const n = mode === "loop" ? parseInt(nStr, 10) : 1;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const r = await new Promise((res, rej) =>
      client[action](params, (e, v) => (e ? rej(e) : res(v))));
    if (!r || !r.RequestId) throw new Error("no RequestId in response");
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(`ok ${n} ${s.toFixed(6)}\n`);
}
main().catch((e) => {
  process.stdout.write(`error ${e && (e.code || e.message)}\n`);
  process.exit(1);
});
