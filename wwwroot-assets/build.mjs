// Builds the console's front-end assets into CallCenter.Web/wwwroot:
//  - lib/apexcharts/: the apexcharts distribution (used through a small JS-interop component);
//  - js/: our own ES modules from src/ (softphone, wallboard, chart interop), copied as they are.
// Plain copies, no bundler: the modules are small and served as native ES modules.
import { cpSync, mkdirSync, readdirSync, rmSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wwwroot = join(here, "..", "CallCenter.Web", "wwwroot");

const apex = join(here, "node_modules", "apexcharts", "dist");
if (!existsSync(apex)) {
  console.error("apexcharts is not installed: run `npm ci` in wwwroot-assets first.");
  process.exit(1);
}
const libOut = join(wwwroot, "lib", "apexcharts");
rmSync(libOut, { recursive: true, force: true });
mkdirSync(libOut, { recursive: true });
for (const f of ["apexcharts.min.js", "apexcharts.css"]) cpSync(join(apex, f), join(libOut, f));

const jsOut = join(wwwroot, "js");
mkdirSync(jsOut, { recursive: true });
for (const f of readdirSync(join(here, "src")).filter((f) => f.endsWith(".js"))) {
  cpSync(join(here, "src", f), join(jsOut, f));
}
console.log(`assets built into ${wwwroot}`);
