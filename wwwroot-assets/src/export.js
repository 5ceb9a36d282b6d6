// Excel export with progress for the list pages (EntityTable). The Export button stays a plain download link (it works
// before the page is interactive); once attached, a click starts an export job instead: the link's URL is requested
// with `X-Export: job` (202 + the job's status), the status is polled and reported to .NET for the progress bar, and
// the finished file is downloaded. Protocol: see CallCenter.Web/Export/ExportJobs.cs.
const hosts = new WeakMap();
const pollMs = 300;

export function attach(host, dotnet) {
  if (!host || hosts.has(host)) return;
  const state = { dotnet, job: null, stopped: false };
  const onClick = (e) => {
    const link = e.target.closest("a[data-testid=export]");
    if (!link || !host.contains(link)) return;
    e.preventDefault();
    if (state.job) return; // one export at a time per table
    start(state, link.getAttribute("href"));
  };
  host.addEventListener("click", onClick);
  hosts.set(host, { state, onClick });
  host.dataset.exportReady = "true"; // clicks now start export jobs (tests wait for this)
}

export function detach(host) {
  const entry = host && hosts.get(host);
  if (!entry) return;
  entry.state.stopped = true;
  host.removeEventListener("click", entry.onClick);
  hosts.delete(host);
  delete host.dataset.exportReady;
}

export async function cancel(host) {
  const entry = host && hosts.get(host);
  const job = entry?.state.job;
  if (!job) return;
  entry.state.job = null;
  await fetch(job.statusUrl, { method: "DELETE", credentials: "same-origin" }).catch(() => {});
  report(entry.state, "cancelled", job.rows, job.total, null);
}

function report(state, phase, rows, total, message) {
  if (state.stopped) return Promise.resolve();
  return state.dotnet.invokeMethodAsync("OnExportProgress", phase, rows ?? 0, total ?? null, message ?? null).catch(() => {});
}

async function errorText(response) {
  const text = (await response.text().catch(() => "")).trim();
  return text || `The export failed (HTTP ${response.status}).`;
}

async function start(state, url) {
  state.job = { statusUrl: null, rows: 0, total: null };
  await report(state, "starting", 0, null, null);
  try {
    const started = await fetch(url, { headers: { "X-Export": "job" }, credentials: "same-origin" });
    if (started.status !== 202) {
      state.job = null;
      await report(state, "failed", 0, null, await errorText(started));
      return;
    }
    let status = await started.json();
    state.job = status;
    while (status.state === "running") {
      await report(state, "running", status.rows, status.total, null);
      await new Promise((r) => setTimeout(r, pollMs));
      if (state.job !== status && state.job?.id !== status.id) return; // cancelled meanwhile
      const polled = await fetch(status.statusUrl, { credentials: "same-origin" });
      if (!polled.ok) {
        state.job = null;
        await report(state, "failed", status.rows, status.total, await errorText(polled));
        return;
      }
      status = await polled.json();
      state.job = status;
    }
    state.job = null;
    if (status.state !== "completed") {
      await report(state, status.state === "cancelled" ? "cancelled" : "failed", status.rows, status.total, status.error);
      return;
    }
    const a = document.createElement("a");
    a.href = status.fileUrl;
    a.download = status.name;
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    a.remove();
    await report(state, "completed", status.rows, status.total, status.name);
  } catch (err) {
    state.job = null;
    await report(state, "failed", 0, null, `The export failed: ${err?.message ?? err}`);
  }
}
