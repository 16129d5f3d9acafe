// Builds the explorer into dist/, which the Go binary embeds (see embed.go):
// index.html, the hashed bundle under assets/, and manifest.json recording a
// SHA-256 of the sources so that a Go test can tell a stale bundle.
//
//   node build.mjs          build
//   node build.mjs --check  only print the sources' hash

import { createHash } from "node:crypto";
import { readFileSync, readdirSync, rmSync, mkdirSync, writeFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = fileURLToPath(new URL(".", import.meta.url));
const dist = join(root, "dist");

// SOURCE_ROOTS are what the bundle is made from; embed_test.go lists the same.
const SOURCE_ROOTS = ["src", "build.mjs", "package.json", "package-lock.json"];

function files(path) {
  if (statSync(path).isDirectory()) return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
  return [path];
}

// sourceHash is SHA-256 over "path\nsha256(content)\n" for each source file,
// in byte order of the slash-separated paths relative to web/.
export function sourceHash() {
  const list = SOURCE_ROOTS.flatMap((r) => files(join(root, r))).map((f) => relative(root, f).split(sep).join("/"));
  list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const all = createHash("sha256");
  for (const name of list) {
    const digest = createHash("sha256").update(readFileSync(join(root, name))).digest("hex");
    all.update(`${name}\n${digest}\n`);
  }
  return { hash: all.digest("hex"), files: list };
}

// An import of "./x.js?worker" gives the source of x.js bundled on its own,
// as a string, from which the page starts a web worker.
const workerSource = {
  name: "worker-source",
  setup(b) {
    b.onResolve({ filter: /\?worker$/ }, (args) => ({ path: join(args.resolveDir, args.path.replace(/\?worker$/, "")), namespace: "worker-source" }));
    b.onLoad({ filter: /.*/, namespace: "worker-source" }, async (args) => {
      const worker = await esbuild.build({
        entryPoints: [args.path],
        bundle: true,
        write: false,
        format: "iife",
        minify: true,
        target: ["es2020"],
        legalComments: "none", // the page's bundle links them for the same packages
        logLevel: "warning",
      });
      return { contents: `export default ${JSON.stringify(worker.outputFiles[0].text)};`, loader: "js" };
    });
  },
};

async function build() {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(join(dist, "assets"), { recursive: true });
  const result = await esbuild.build({
    entryPoints: { app: join(root, "src/main.js") },
    bundle: true,
    splitting: true,
    format: "esm",
    minify: true,
    sourcemap: false,
    target: ["es2020"],
    outdir: join(dist, "assets"),
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    assetNames: "[name]-[hash]",
    metafile: true,
    plugins: [workerSource],
    legalComments: "linked",
    logLevel: "warning",
  });
  const outputs = Object.entries(result.metafile.outputs);
  const entry = outputs.find(([, o]) => o.entryPoint && o.entryPoint.endsWith("src/main.js"));
  const js = relative(dist, entry[0]).split(sep).join("/");
  const css = relative(dist, entry[1].cssBundle).split(sep).join("/");
  const html = readFileSync(join(root, "src/index.html"), "utf8").replace("{{CSS}}", css).replace("{{JS}}", js);
  writeFileSync(join(dist, "index.html"), html);
  const { hash, files: sources } = sourceHash();
  const assets = files(dist).map((f) => relative(dist, f).split(sep).join("/")).sort();
  writeFileSync(join(dist, "manifest.json"), JSON.stringify({ source_sha256: hash, sources, assets: [...assets, "manifest.json"].sort() }, null, 1) + "\n");
  const size = assets.reduce((n, a) => n + statSync(join(dist, a)).size, 0);
  console.log(`web: built ${assets.length} files (${Math.round(size / 1024)} KiB) into dist/, sources ${hash.slice(0, 12)}`);
}

if (process.argv.includes("--check")) console.log(sourceHash().hash);
else await build();
