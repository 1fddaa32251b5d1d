// test/bench/sdk.js - the official Node.js SDK (tencentcloud-sdk-nodejs-intl-en)
// doing the same work as tcas-bench, for `make bench`.
//
//   node sdk.js NODE_MODULES one   HTTP_ENDPOINT ACTION PARAMS_JSON
//   node sdk.js NODE_MODULES loop  HTTP_ENDPOINT ACTION PARAMS_JSON N
//   node sdk.js NODE_MODULES sign  SECONDS
//   node sdk.js NODE_MODULES parse FILE SECONDS
//
// HTTP_ENDPOINT is the emulator's "http://127.0.0.1:PORT", or an
// "https://localhost:PORT" endpoint (tcas-emu or nginx): the SDK then talks
// TLS through Node's https agent, trusting the test CA given in
// NODE_EXTRA_CA_CERTS and checking the certificate against "localhost"
// (the SDK connects to "as.localhost", below). Only the SDK's
// common and AS parts are loaded (not the package index, which pulls in
// every product). TC3-HMAC-SHA256 is selected explicitly: the SDK's default
// is the older HmacSHA256 query signature.
//
// The SDK takes the signing service from the first label of the endpoint
// host, so it is given "as.localhost:PORT" (RFC 6761: localhost names are
// loopback) and Node's default HTTP agent (keep-alive on in Node >= 19) is
// told to resolve that name to 127.0.0.1; the SDK's code is untouched.
//
// Output: "key value" lines like tcas-bench's; "error <message>" and exit 1
// on failure.
"use strict";
const path = require("path");
const fs = require("fs");
const http = require("http");
const https = require("https");
const tls = require("tls");

const [mods, mode, ...args] = process.argv.slice(2);
const sdk = path.join(path.resolve(mods), "tencentcloud-sdk-nodejs-intl-en",
                      "tencentcloud");
const common = require(path.join(sdk, "common"));
const AsClient = require(path.join(sdk, "as", "v20180419", "as_client"));

function fail(e) {
  process.stdout.write(`error ${e && (e.code || e.message || e)}\n`);
  process.exit(1);
}

async function calls(endpoint, action, paramsJson, n) {
  const url = new URL(endpoint);
  const port = url.port;
  const agent = url.protocol === "https:" ? https.globalAgent : http.globalAgent;
  agent.options.lookup = (host, opts, cb) => {
    if (opts && opts.all) cb(null, [{ address: "127.0.0.1", family: 4 }]);
    else cb(null, "127.0.0.1", 4);
  };
  if (url.protocol === "https:") {
    agent.options.keepAlive = true;
    agent.options.servername = "localhost";
    agent.options.checkServerIdentity = (host, cert) =>
      tls.checkServerIdentity("localhost", cert);
  }
  const hp = new common.HttpProfile();
  hp.protocol = url.protocol + "//";
  hp.endpoint = "as.localhost:" + port;
  const cp = new common.ClientProfile("TC3-HMAC-SHA256", hp);
  const cred = new common.Credential(process.env.TENCENTCLOUD_SECRET_ID,
                                     process.env.TENCENTCLOUD_SECRET_KEY);
  const client = new AsClient(cred, "ap-guangzhou", cp);
  const params = JSON.parse(paramsJson);
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const r = await new Promise((res, rej) =>
      client[action](params, (e, v) => (e ? rej(e) : res(v))));
    if (!r || !r.RequestId) throw new Error("no RequestId in response");
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  process.stdout.write(`calls ${n}\ncalls_seconds ${s.toFixed(6)}\n` +
                       `calls_per_s ${Math.round(n / s)}\n` +
                       `cpu_us_per_call ${((c.user + c.system) / n).toFixed(1)}\n` +
                       `rss_kib ${process.resourceUsage().maxRSS}\n`);
}

// Same bodies as tcas-bench's make_body(): exactly len bytes of JSON.
function body(len) {
  const head = '{"AutoScalingGroupId":"asg-h7tgd87d","Pad":"';
  let s = head;
  for (let i = head.length; i < len - 2; i++)
    s += String.fromCharCode(97 + (i % 26));
  return Buffer.from(s + '"}');
}

function rate(seconds, fn) {
  const t0 = process.hrtime.bigint();
  let n = 0, t;
  do {
    for (let i = 0; i < 64; i++) fn();
    n += 64;
    t = Number(process.hrtime.bigint() - t0) / 1e9;
  } while (t < seconds);
  return n / t;
}

function sign(seconds) {
  const Sign = require(path.join(sdk, "common", "sign"));
  const one = (payload) => () => Sign.sign3({
    method: "POST", url: "https://as.tencentcloudapi.com/", payload,
    timestamp: 1767225600, service: "as",
    secretId: process.env.TENCENTCLOUD_SECRET_ID || "AKIDEXAMPLE",
    secretKey: process.env.TENCENTCLOUD_SECRET_KEY || "secret",
    headers: { "Content-Type": "application/json" },
  });
  rate(0.1, one(body(200))); // warm up the JIT
  process.stdout.write(`sign_200_per_s ${Math.round(rate(seconds, one(body(200))))}\n`);
  process.stdout.write(`sign_8k_per_s ${Math.round(rate(seconds, one(body(8192))))}\n`);
}

// What the SDK does with a response body (res.json(), then the response
// model's deserialize()), then what a caller does: read every ID.
function parse(file, seconds) {
  const models = require(path.join(sdk, "as", "v20180419", "models"));
  let text = fs.readFileSync(file, "utf8");
  const sep = text.indexOf("\r\n\r\n");
  if (text.startsWith("HTTP/") && sep >= 0) text = text.slice(sep + 4);
  const len = Buffer.byteLength(text);
  const use = () => {
    const data = JSON.parse(text);
    let n = 0;
    if (data.Response.AutoScalingInstanceSet) {
      const r = new models.DescribeAutoScalingInstancesResponse();
      r.deserialize(data.Response);
      for (const x of r.AutoScalingInstanceSet) if (x.InstanceId) n++;
    } else {
      const r = new models.DescribeRefreshActivitiesResponse();
      r.deserialize(data.Response);
      for (const x of r.RefreshActivitySet) if (x.RefreshActivityId) n++;
    }
    return n;
  };
  const ids = use();
  rate(0.1, use);
  const r = rate(seconds, use);
  process.stdout.write(`parse_bytes ${len}\nparse_ids ${ids}\n` +
                       `parse_per_s ${Math.round(r)}\n` +
                       `parse_mb_per_s ${(r * len / 1e6).toFixed(1)}\n`);
}

(async () => {
  if (mode === "one") await calls(args[0], args[1], args[2], 1);
  else if (mode === "loop") await calls(args[0], args[1], args[2], parseInt(args[3], 10));
  else if (mode === "sign") sign(parseFloat(args[0]));
  else if (mode === "parse") parse(args[0], parseFloat(args[1]));
  else throw new Error("unknown mode " + mode);
})().catch(fail);
