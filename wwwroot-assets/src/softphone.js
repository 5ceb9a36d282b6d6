// The softphone page's agent protocol client (programmer's guide §3–§5). The browser itself holds the WebSocket:
//  - requests go out in the source's envelope {thisDN, type, message: JSON.stringify(inner)}; the heartbeat is
//    {thisDN, message: "ping", type: "ping"} every 20 s, and a socket silent for 50 s is given up as dead;
//  - every event carries seq (per session); the client keeps its session id (sessionStorage, so a page reload resumes
//    too) and the last seq, and after a drop reconnects with backoff and resumes with ?session=<id>&lastSeq=<n>;
//  - a resume is checked: the first event must be lastSeq + 1. A session the server no longer has (seq restarts) or
//    events it no longer holds (a gap) make the client start a fresh session and log in again, which gives it the
//    agent's current state (580);
//  - a forced logout (4500), or the session taken over by another tab, ends the client without reconnecting;
//  - events go to Blazor in order, batched, through the DotNetObjectReference: OnEvents(frames[]) and
//    OnConnection(status, attempt, delayMs, detail).

const clients = new Set();
const DELAYS_MS = [500, 1000, 2000, 4000, 8000, 15000];

/** Starts a client for one agent; returns it (Blazor holds it as an IJSObjectReference). */
export function connect(dotnet, options) {
  const client = new SoftphoneClient(dotnet, options);
  clients.add(client);
  client.start();
  return client;
}

/**
 * Test and diagnostics hook: drops every client's socket as a network failure would (no close handshake awaited), and
 * keeps each client offline for pauseMs before its first reconnect attempt. Returns how many sockets were dropped.
 */
export function dropConnection(pauseMs = 0) {
  let dropped = 0;
  for (const c of clients) if (c.drop(pauseMs)) dropped++;
  return dropped;
}

/** The numbers this agent dialled last (localStorage), newest first. */
export function loadRecent(dn) {
  try {
    const list = JSON.parse(localStorage.getItem("callcenter.softphone.recent." + dn) || "[]");
    return Array.isArray(list) ? list.filter((n) => typeof n === "string").slice(0, 10) : [];
  } catch {
    return [];
  }
}

export function saveRecent(dn, list) {
  try {
    localStorage.setItem("callcenter.softphone.recent." + dn, JSON.stringify((list || []).slice(0, 10)));
  } catch {
    // storage full or disabled: recent numbers are a convenience
  }
}

/**
 * Simulation mode: answers or rejects the call ringing on the agent's virtual phone (POST /cti/simulation/answer or
 * /reject with the page's sign-in cookie). Returns {status, error}.
 */
export async function simulatePhone(action, tenantId, extension) {
  try {
    const response = await fetch("/cti/simulation/" + action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ tenantId, extension }),
    });
    let error = "";
    if (!response.ok) {
      try {
        error = (await response.json()).error || "";
      } catch {
        error = response.statusText;
      }
    }
    return { status: response.status, error };
  } catch (e) {
    return { status: 0, error: String(e) };
  }
}

function defaultUrl() {
  return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/cti/ws";
}

function newSessionId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

class SoftphoneClient {
  constructor(dotnet, o) {
    this.dotnet = dotnet;
    this.dn = o.thisDN;
    this.extension = o.extension || "";
    this.queues = o.queues || [];
    this.wantLogin = !!o.autoLogin;
    this.url = o.url || defaultUrl();
    this.heartbeatMs = o.heartbeatMs || 20000;
    this.silenceMs = o.silenceMs || this.heartbeatMs * 2.5;
    this.storageKey = "callcenter.softphone.session." + this.dn;
    this.ws = null;
    this.stopped = false;
    this.ended = false;
    this.attempt = 0;
    this.pauseMs = 0;
    this.lastSeq = 0;
    this.resume = false;
    this.checking = false;
    this.forced = false;
    this.reconnectTimer = null;
    this.heartbeatTimer = null;
    this.pending = [];
    this.flushScheduled = false;
    this.chain = Promise.resolve();
    this.dtmf = { buffer: "", target: null, timer: null, last: "", lastAt: 0 };
  }

  start() {
    let saved = null;
    try {
      saved = sessionStorage.getItem(this.storageKey);
    } catch {
      // no storage: every page load is a new session
    }
    if (saved) {
      // A reload of the page: resume the session from its start, so the replay rebuilds the page's state.
      this.session = saved;
      this.lastSeq = 0;
      this.resume = true;
    } else {
      this.newSession();
    }
    this.open();
  }

  newSession() {
    this.session = newSessionId();
    this.lastSeq = 0;
    this.resume = false;
    try {
      sessionStorage.setItem(this.storageKey, this.session);
    } catch {
      // ignored
    }
  }

  open() {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    if (this.stopped || this.ended) return;
    const query = "?session=" + encodeURIComponent(this.session) + (this.resume ? "&lastSeq=" + this.lastSeq : "");
    this.report(this.attempt === 0 ? "connecting" : "reconnecting", this.attempt, 0, "");
    let ws;
    try {
      ws = new WebSocket(this.url + query);
    } catch (e) {
      this.scheduleReconnect(String(e));
      return;
    }
    this.ws = ws;
    ws.onopen = () => this.opened(ws);
    ws.onmessage = (m) => this.receive(ws, m.data);
    ws.onclose = (e) => this.closed(ws, e.code, e.reason);
    ws.onerror = () => {}; // onclose follows with the code
  }

  opened(ws) {
    if (ws !== this.ws) return;
    this.attempt = 0;
    this.lastHeard = Date.now();
    this.startHeartbeat();
    this.report("connected", 0, 0, this.session);
    if (this.resume) {
      // The first event after a resume tells whether the server still had the session (see receive).
      this.checking = true;
      this.ping();
    } else if (this.wantLogin) {
      this.login();
    }
  }

  receive(ws, data) {
    if (ws !== this.ws) return;
    this.lastHeard = Date.now();
    let e;
    try {
      e = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof e.seq === "number") {
      if (this.checking) {
        this.checking = false;
        const lost = this.lastSeq > 0 && e.seq <= this.lastSeq; // the server started this session afresh
        const gap = e.seq > this.lastSeq + 1; // events it no longer holds
        if (lost || gap) {
          this.resync(lost ? "the server no longer had this session" : "events were lost during the drop");
          return;
        }
        if (this.lastSeq === 0 && e.messageId === 3 && this.wantLogin) {
          // Nothing to replay: the server did not know the session (a reload after it expired). Log in afresh.
          this.login();
        }
      }
      if (e.seq <= this.lastSeq) return; // already delivered
      this.lastSeq = e.seq;
    }
    if (e.messageId === 3) return; // heartbeat reply: only proves the socket is alive
    if (e.messageId === 4500) this.forced = true;
    if (e.messageId === 581) this.wantLogin = false;
    if (e.messageId === 580) this.wantLogin = true;
    this.deliver(data);
  }

  /** Starts a fresh session on a new socket and logs in again: the 580 carries the agent's current state. */
  resync(reason) {
    this.abandon();
    this.newSession();
    this.wantLogin = true;
    this.report("resyncing", 0, 0, reason);
    this.open();
  }

  closed(ws, code, reason) {
    if (ws !== this.ws) return;
    this.ws = null;
    this.stopHeartbeat();
    this.checking = false;
    if (this.stopped) return;
    if (this.forced) {
      this.end("signedOut", "");
      return;
    }
    if (code === 1008 && /taken over/.test(reason || "")) {
      // Another tab or window resumed this very session (e.g. a duplicated tab): let it have it.
      this.end("takenOver", reason);
      return;
    }
    this.resume = true;
    this.scheduleReconnect(code ? `closed (${code}${reason ? ": " + reason : ""})` : "closed");
  }

  end(status, detail) {
    this.ended = true;
    this.stopHeartbeat();
    // Signed out: the session is over. Taken over: the other tab (or this tab's next page) uses it; leave it be.
    if (status === "signedOut") {
      try {
        if (sessionStorage.getItem(this.storageKey) === this.session) sessionStorage.removeItem(this.storageKey);
      } catch {
        // ignored
      }
    }
    this.report(status, 0, 0, detail);
  }

  scheduleReconnect(detail) {
    const base = DELAYS_MS[Math.min(this.attempt, DELAYS_MS.length - 1)];
    const delay = Math.round(base * (0.8 + Math.random() * 0.4)) + this.pauseMs;
    this.pauseMs = 0;
    this.attempt++;
    this.report("waiting", this.attempt, delay, detail);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.open(), delay);
  }

  /** Forgets the current socket without waiting for its close handshake (it may be dead). */
  abandon() {
    const ws = this.ws;
    this.ws = null;
    this.stopHeartbeat();
    this.checking = false;
    if (!ws) return false;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      ws.close(4000, "dropped by the client");
    } catch {
      // already closed
    }
    return true;
  }

  drop(pauseMs) {
    if (!this.ws || this.stopped || this.ended) return false;
    this.abandon();
    this.resume = true;
    this.pauseMs = Math.max(0, pauseMs | 0);
    this.scheduleReconnect("dropped");
    return true;
  }

  startHeartbeat() {
    this.stopHeartbeat();
    this.heartbeatTimer = setInterval(() => {
      if (Date.now() - this.lastHeard > this.silenceMs) {
        // No event and no heartbeat reply for too long: the connection is dead even if the browser has not noticed.
        this.abandon();
        this.resume = true;
        this.scheduleReconnect("no reply to the heartbeat");
        return;
      }
      this.ping();
    }, this.heartbeatMs);
  }

  stopHeartbeat() {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  ping() {
    this.raw({ thisDN: this.dn, message: "ping", type: "ping" });
  }

  raw(frame) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  deliver(data) {
    this.pending.push(data);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setTimeout(() => {
      const batch = this.pending;
      this.pending = [];
      this.flushScheduled = false;
      this.invoke("OnEvents", batch);
    }, 0);
  }

  report(status, attempt, delayMs, detail) {
    this.invoke("OnConnection", status, attempt, delayMs, detail || "");
  }

  invoke(method, ...args) {
    // Chained: Blazor applies events strictly in the order they arrived. While the page's own circuit is down (the same
    // network drop), a call fails: it is retried every second for a while, so no event is lost to the page.
    this.chain = this.chain.then(async () => {
      for (let attempt = 0; attempt < 60 && !this.stopped; attempt++) {
        try {
          await this.dotnet.invokeMethodAsync(method, ...args);
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    });
  }

  // ---------------------------------------------------------------- called from Blazor

  /** Sends one request (100 uses type "login"); the inner message gets this agent's thisDN. False when offline. */
  request(inner) {
    const message = Object.assign({}, inner, { thisDN: this.dn });
    const type = message.messageId === 100 ? "login" : "request";
    return this.raw({ thisDN: this.dn, type, message: JSON.stringify(message) });
  }

  /** 100 with the agent's extension and ACDs (§4.2). */
  login(extension) {
    if (extension) this.extension = extension;
    this.wantLogin = true;
    return this.request({ messageId: 100, thisDN: this.dn, extension: this.extension, thisQueues: this.queues });
  }

  /**
   * DTMF keys typed in quick succession go out as one 250 request; the same keys again within two seconds wait for
   * the server's duplicate window (error 27) to pass.
   */
  sendDtmf(callID, otherDN, digit) {
    const d = this.dtmf;
    if (d.target && d.target.callID !== callID) this.flushDtmf();
    d.buffer += digit;
    d.target = { callID, otherDN };
    clearTimeout(d.timer);
    d.timer = setTimeout(() => this.flushDtmf(), 350);
    return this.ws !== null;
  }

  flushDtmf() {
    const d = this.dtmf;
    clearTimeout(d.timer);
    if (!d.buffer || !d.target) return;
    const digits = d.buffer;
    const target = d.target;
    d.buffer = "";
    const wait = digits === d.last ? Math.max(0, d.lastAt + 2100 - Date.now()) : 0;
    d.last = digits;
    d.lastAt = Date.now() + wait;
    setTimeout(() => this.request({ messageId: 250, callID: target.callID, otherDN: target.otherDN, dtmfDigit: digits }), wait);
  }

  /** Reconnects at once (the "Reconnect now" button, or logging in again after a forced logout). */
  reconnectNow(fresh) {
    if (this.stopped) return;
    if (fresh) {
      this.abandon();
      this.ended = false;
      this.forced = false;
      this.newSession();
      this.wantLogin = true;
      this.attempt = 0;
      this.open();
      return;
    }
    if (this.ws) return;
    this.open();
  }

  info() {
    return { session: this.session, lastSeq: this.lastSeq, open: !!this.ws && this.ws.readyState === WebSocket.OPEN };
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.stopHeartbeat();
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close(1000, "page closed");
      } catch {
        // ignored
      }
    }
    clients.delete(this);
  }
}
