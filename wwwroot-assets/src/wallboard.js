// The wallboard's browser side: ticking durations and the event→screen latency probe.
//  - Every element with data-since="<epoch ms>" shows the time since then (m:ss, h:mm:ss), updated four times a second.
//    Blazor renders the same text at each render; only the text node's value is changed here, so Blazor keeps its node.
//  - A MutationObserver stamps data-dom-at="<epoch ms>" on every element whose data-event-at (the engine's time of the
//    change it shows) changed, and keeps the pairs in window.wallboardLatency (the latency test reads them).
const boards = new Map();

function format(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

function tick(root) {
  const now = Date.now();
  for (const el of root.querySelectorAll("[data-since]")) {
    const since = Number(el.getAttribute("data-since"));
    if (!since) continue;
    const text = format(now - since);
    const node = el.firstChild;
    if (node && node.nodeType === Node.TEXT_NODE) {
      if (node.nodeValue !== text) node.nodeValue = text;
    } else if (!node) {
      el.appendChild(document.createTextNode(text));
    }
  }
}

export function start(root) {
  if (!root || boards.has(root)) return;
  window.wallboardLatency = window.wallboardLatency || [];
  const observer = new MutationObserver((records) => {
    const domAt = Date.now();
    for (const r of records) {
      const el = r.target;
      const eventAt = Number(el.getAttribute("data-event-at"));
      if (!eventAt || String(eventAt) === r.oldValue) continue;
      el.setAttribute("data-dom-at", String(domAt));
      const log = window.wallboardLatency;
      log.push({ key: el.getAttribute("data-testid"), eventAt, domAt, latency: domAt - eventAt });
      if (log.length > 5000) log.splice(0, log.length - 5000);
    }
  });
  observer.observe(root, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ["data-event-at"] });
  tick(root);
  const timer = setInterval(() => tick(root), 250);
  boards.set(root, { observer, timer });
}

export function stop(root) {
  const board = boards.get(root);
  if (!board) return;
  board.observer.disconnect();
  clearInterval(board.timer);
  boards.delete(root);
}
