// Run a Python file inside the site's own Pyodide, under Node, for `make lite`:
//   node in_pyodide.js SITE_PYODIDE_DIR PACKAGES_JSON OUT_DIR SCRIPT.py
// Pyodide and the packages come from the site's folder and its pyodide-lock.json (no
// network); OUT_DIR is mounted at /out for the script to write to.
const path = require("path");
const fs = require("fs");
const [indexDir, packages, outDir, script] = process.argv.slice(2);
const { loadPyodide } = require(path.join(indexDir, "pyodide.js"));

(async () => {
  const pyodide = await loadPyodide({
    indexURL: indexDir + path.sep,
    stdout: (line) => console.log(line),
    stderr: (line) => console.error(line),
  });
  await pyodide.loadPackage(JSON.parse(packages), { messageCallback: () => {} });
  pyodide.FS.mkdir("/out");
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: outDir }, "/out");
  await pyodide.runPythonAsync(fs.readFileSync(script, "utf8"));
})().catch((error) => {
  console.error(error.message || error);
  process.exit(1);
});
