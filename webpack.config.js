// Builds the Excel add-in (task pane + ribbon commands) into dist-web/. Modelled on the `yo office`
// task-pane template (OfficeDev/Office-Addin-TaskPane); dist/ is not used because it holds the CLI.
//
//   npm run build        webpack --mode production   manifest URLs -> PLAN_TRACKER_URL
//   npm run build:dev    webpack --mode development  manifest unchanged (dev server URLs)
//   npm run dev-server   webpack serve --mode development, https://localhost:3000/
//
// Environment:
//   PLAN_TRACKER_URL        where the production build will be hosted (https, ends with "/";
//                           default https://plan-tracker.example.gov.vn/). Every URL_DEV prefix in
//                           manifest.xml is replaced by it in dist-web/manifest.xml.
//   PLAN_TRACKER_HTTP=1     (or `--env http`) the dev server serves plain http on 127.0.0.1, for
//                           local browser tests only: Office itself needs the https server.
//   PLAN_TRACKER_PORT       dev server port (default 3000; manifest.xml expects 3000).
//   PLAN_TRACKER_OFFICE_JS=local
//                           for the browser test suite only: copy office.js and
//                           o15apptofilemappingtable.js from the @microsoft/office-js npm package
//                           next to the pages and load office.js from there. Real add-ins must
//                           load office.js from Microsoft's CDN (store policy), so this is off by
//                           default and office.js is never bundled.
const fs = require("node:fs");
const path = require("node:path");

const URL_DEV = "https://localhost:3000/";
const DEFAULT_URL_PROD = "https://plan-tracker.example.gov.vn/";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
// office.js loads the mapping table from its own folder, so a local copy needs both files.
const OFFICE_JS_LOCAL_FILES = ["office.js", "o15apptofilemappingtable.js"];

/** The production base URL: PLAN_TRACKER_URL or the default, checked and ending with "/". */
function productionUrl(raw = process.env.PLAN_TRACKER_URL) {
  const value = (raw ?? "").trim() || DEFAULT_URL_PROD;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(
      `PLAN_TRACKER_URL is not a URL: "${value}". Give the https address where dist-web/ is ` +
        `served, e.g. ${DEFAULT_URL_PROD}`,
    );
  }
  if (url.protocol !== "https:") {
    throw new Error(
      `PLAN_TRACKER_URL must be an https address (Office loads add-ins only over https): "${value}"`,
    );
  }
  if (url.search || url.hash) {
    throw new Error(`PLAN_TRACKER_URL must be a base address without ?query or #hash: "${value}"`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/**
 * The production manifest: every development URL prefix replaced by the production base URL.
 * Throws if a local address is left over (a URL written with another host or port than URL_DEV
 * would otherwise ship pointing at the user's own machine).
 */
function toProductionManifest(xml, prodUrl = productionUrl()) {
  const result = xml.split(URL_DEV).join(prodUrl);
  const local = /localhost|127\.0\.0\.1/i;
  if (!local.test(prodUrl)) {
    const leftover = result.split("\n").findIndex((line) => local.test(line));
    if (leftover >= 0) {
      throw new Error(
        `manifest.xml line ${leftover + 1} still points at a local address after replacing ` +
          `${URL_DEV}: write development URLs exactly as ${URL_DEV}…`,
      );
    }
  }
  return result;
}

/**
 * https options for the dev server: the trusted Office dev certificates where they can be used,
 * otherwise webpack-dev-server's own self-signed certificate (fine in a browser after a warning,
 * not trusted by Office).
 */
async function devHttpsOptions() {
  try {
    const devCerts = require("office-addin-dev-certs");
    if (process.platform === "win32" || process.platform === "darwin") {
      // Installs (and trusts) the certificates on first use, as the yo office template does.
      const { ca, key, cert } = await devCerts.getHttpsServerOptions();
      return { ca, key, cert };
    }
    // Elsewhere getHttpsServerOptions would try `sudo` to install a CA: only use certificates
    // that already exist.
    const dir = path.join(require("node:os").homedir(), ".office-addin-dev-certs");
    const files = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
    if (Object.values(files).every((f) => fs.existsSync(path.join(dir, f)))) {
      return Object.fromEntries(
        Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]),
      );
    }
  } catch (error) {
    console.warn(`office-addin-dev-certs unavailable (${error.message}).`);
  }
  console.warn(
    "Serving https with a self-signed certificate: Office will not trust it. On Windows or Mac run " +
      "`npx office-addin-dev-certs install`; for browser tests use the http fallback " +
      "(PLAN_TRACKER_HTTP=1 or --env http).",
  );
  return undefined;
}

module.exports = async (env = {}, argv = {}) => {
  // Required here, not at the top, so tests can load the helpers below without the build plugins.
  const CopyWebpackPlugin = require("copy-webpack-plugin");
  const HtmlWebpackPlugin = require("html-webpack-plugin");
  const webpack = require("webpack");
  const dev = argv.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  const http = Boolean(env.http) || process.env.PLAN_TRACKER_HTTP === "1";
  const localOfficeJs = process.env.PLAN_TRACKER_OFFICE_JS === "local";
  // Checked before anything is built, so a bad PLAN_TRACKER_URL fails fast with its message.
  const prodUrl = dev ? null : productionUrl();

  const officeJsDir = path.join(__dirname, "node_modules/@microsoft/office-js/dist");
  if (localOfficeJs) {
    const missing = OFFICE_JS_LOCAL_FILES.filter((f) => !fs.existsSync(path.join(officeJsDir, f)));
    if (missing.length > 0) {
      throw new Error(
        `PLAN_TRACKER_OFFICE_JS=local needs ${missing.join(", ")} in ${officeJsDir} (npm ci).`,
      );
    }
  }
  const templateParameters = { officeJsUrl: localOfficeJs ? "office.js" : OFFICE_JS_CDN };

  return {
    mode: dev ? "development" : "production",
    target: "web",
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.ts",
      commands: "./src/commands/index.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist-web"),
      // Content hashes in production: Office and browsers cache add-in files aggressively.
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      chunkFilename: dev ? "[name].chunk.js" : "[name].[contenthash:8].chunk.js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
      alias: {
        // pdfkit's browser build with its own Buffer/stream shims; its package.json does not
        // export the file, so it is aliased by path (the report code is shared with Node).
        "pdfkit-standalone$": path.join(__dirname, "node_modules/pdfkit/js/pdfkit.standalone.js"),
      },
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              // module "esnext" there keeps import() for webpack, which makes lazy chunks of it.
              configFile: path.resolve(__dirname, "tsconfig.web.json"),
              // Report type errors only for files that are actually in the bundle.
              onlyCompileBundledFiles: true,
            },
          },
        },
        {
          // Stylesheets come in as text (no css-loader dependency); the pane adds them itself.
          test: /\.css$/,
          type: "asset/source",
        },
        {
          test: /\.(png|jpe?g|gif|svg|ico)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name].[contenthash:8][ext]" },
        },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({
        __TOOL_VERSION__: JSON.stringify(require("./package.json").version),
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        templateParameters,
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        templateParameters,
      }),
      new CopyWebpackPlugin({
        patterns: [
          // Icon URLs in the manifest are fixed (https://…/assets/icon-32.png): copy, don't hash.
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform(content) {
              return dev ? content : toProductionManifest(content.toString("utf8"), prodUrl);
            },
          },
          // Tinos (Times New Roman metrics, every Vietnamese diacritic); fetched only when a PDF
          // is made. The same files as src/node/reportFonts.ts reads.
          ...[
            "400Regular/Tinos_400Regular.ttf",
            "700Bold/Tinos_700Bold.ttf",
            "400Regular_Italic/Tinos_400Regular_Italic.ttf",
            "700Bold_Italic/Tinos_700Bold_Italic.ttf",
          ].map((f) => ({
            from: path.join(__dirname, "node_modules/@expo-google-fonts/tinos", f),
            to: `fonts/${path.basename(f)}`,
          })),
          ...(localOfficeJs
            ? OFFICE_JS_LOCAL_FILES.map((f) => ({ from: path.join(officeJsDir, f), to: f }))
            : []),
        ],
      }),
    ],
    optimization: {
      // Only import()ed modules are split out (exceljs, the PDF code): each page keeps one entry
      // script and the heavy code stays in its own lazily loaded chunk.
      splitChunks: { chunks: "async" },
    },
    // The lazy exceljs/PDF chunks are big by design; size hints would only be noise.
    performance: { hints: false },
    devServer: serving
      ? {
          host: http ? "127.0.0.1" : "localhost",
          port: Number(process.env.PLAN_TRACKER_PORT) || 3000,
          headers: { "Access-Control-Allow-Origin": "*" },
          server: http ? "http" : { type: "https", options: await devHttpsOptions() },
          static: false,
        }
      : undefined,
  };
};

module.exports.URL_DEV = URL_DEV;
module.exports.DEFAULT_URL_PROD = DEFAULT_URL_PROD;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
module.exports.productionUrl = productionUrl;
module.exports.toProductionManifest = toProductionManifest;
