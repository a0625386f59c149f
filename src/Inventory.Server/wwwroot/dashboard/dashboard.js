// Inventory live dashboard: loads the current state over the REST API, then stays current over SignalR
// (/hubs/stock, the vendored official @microsoft/signalr client). No build step, no network access beyond this server.
"use strict";
(() => {
  const TOKEN_KEY = "inventory.dashboard.token";
  const CHART_COLORS = {
    received: "#2e9e6b", returned: "#67c39a", reserved: "#e6a23c", committed: "#3b7dd8",
    released: "#9aa3b5", expired: "#c25d5d", adjusted: "#8e63c7", reservation_extended: "#c9cfdb",
    transfer_shipped: "#1f8a99", transfer_received: "#5cc1cf", written_off: "#7a2b2b",
  };
  const OTHER_COLOR = "#b8bfcc";
  const colorOf = (t) => CHART_COLORS[t] || OTHER_COLOR;
  const $ = (id) => document.getElementById(id);
  const state = {
    token: null, user: null, capabilities: [], connection: null, warehouses: [],
    positions: new Map(), reservations: new Map(), alerts: new Map(), metrics: null, subscribed: new Set(),
  };
  const fmt = (n) => Number(n).toLocaleString("en-US", { maximumFractionDigits: 4 });
  const key = (w, s) => `${w}/${s}`;

  // ---- session -------------------------------------------------------------------------------------------------
  function decode(token) {
    try {
      const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
      const roles = [].concat(payload.role || []);
      return { user: payload.sub, roles, expires: payload.exp ? new Date(payload.exp * 1000) : null };
    } catch { return null; }
  }

  async function api(path, options = {}) {
    const response = await fetch(path, {
      ...options,
      headers: { "Authorization": `Bearer ${state.token}`, "Content-Type": "application/json", ...(options.headers || {}) },
    });
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error(body?.detail || `${response.status} ${response.statusText}`);
      error.status = response.status; error.code = body?.code;
      throw error;
    }
    return body;
  }

  function showLogin(message) {
    $("login").hidden = false; $("board").hidden = true; $("logout").hidden = true;
    $("login-error").textContent = message || "";
    setStatus("offline");
  }

  async function signIn(token) {
    const claims = decode(token);
    if (!claims) { showLogin("That is not a JWT."); return; }
    state.token = token; state.user = claims.user;
    try {
      await loadAll();
    } catch (e) {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin(e.status === 401 ? "The server refused this token (expired or not signed by it)." : e.message);
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    $("who").textContent = `${claims.user} · ${claims.roles.join(", ")}`;
    $("login").hidden = true; $("board").hidden = false; $("logout").hidden = false;
    await connect();
  }

  // ---- initial state over REST ---------------------------------------------------------------------------------
  async function loadAll() {
    // What this token may do, as the server's role matrix says (the page shows only those actions).
    state.capabilities = await api("/api/v1/dashboard/capabilities");
    const warehouses = await api("/api/v1/warehouses");
    state.warehouses = warehouses.map((w) => w.code);
    const select = $("warehouse"), chosen = select.value;
    select.innerHTML = '<option value="">All warehouses</option>' +
      state.warehouses.map((c) => `<option value="${esc(c)}">${esc(c)}</option>`).join("");
    select.value = state.warehouses.includes(chosen) ? chosen : "";
    await reload();
  }

  async function reload() {
    const warehouse = $("warehouse").value;
    const q = warehouse ? `&warehouse=${encodeURIComponent(warehouse)}` : "";
    const [stock, reservations, alerts, metrics] = await Promise.all([
      api(`/api/v1/stock?limit=1000${q}`),
      api(`/api/v1/dashboard/reservations?limit=500${q}`),
      api(`/api/v1/alerts?status=active&limit=200${q}`),
      api("/api/v1/dashboard/movements"),
    ]);
    state.positions = new Map(stock.items.map((p) => [key(p.warehouse, p.sku), p]));
    state.reservations = new Map(reservations.map((r) => [`${r.reservationId}|${key(r.warehouse, r.sku)}`, r]));
    state.alerts = new Map(alerts.items.map((a) => [a.id, a]));
    state.metrics = metrics;
    renderAll();
  }

  // ---- live updates over SignalR -------------------------------------------------------------------------------
  function setStatus(status) { const el = $("status"); el.textContent = status; el.className = `pill ${status}`; }

  async function connect() {
    if (state.connection) await state.connection.stop();
    const connection = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/stock", { accessTokenFactory: () => state.token })
      .withAutomaticReconnect()
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    state.connection = connection;
    connection.on("Stock", onStock);
    connection.on("Alert", onAlert);
    connection.on("Metrics", (m) => { state.metrics = m; renderChart(); renderKpis(); });
    connection.onreconnecting(() => setStatus("connecting"));
    connection.onreconnected(async () => { state.subscribed.clear(); await subscribe(); await reload(); setStatus("live"); });
    connection.onclose(() => setStatus("offline"));
    setStatus("connecting");
    try {
      await connection.start();
      await subscribe();
      setStatus("live");
    } catch (e) {
      setStatus("offline");
      showLogin(`Could not connect to the live hub: ${e.message}`);
    }
  }

  // Subscribes to exactly the warehouses in view (all, or the chosen one), alerts and metrics.
  async function subscribe() {
    const connection = state.connection;
    if (!connection || connection.state !== signalR.HubConnectionState.Connected) return;
    const chosen = $("warehouse").value;
    const wanted = new Set(chosen ? [chosen] : state.warehouses);
    for (const w of [...state.subscribed]) {
      if (!wanted.has(w)) { await connection.invoke("UnsubscribeWarehouse", w); state.subscribed.delete(w); }
    }
    for (const w of wanted) {
      if (!state.subscribed.has(w)) { await connection.invoke("SubscribeWarehouse", w); state.subscribed.add(w); }
    }
    await connection.invoke("SubscribeAlerts");
    state.metrics = await connection.invoke("SubscribeMetrics");
    renderChart(); renderKpis();
  }

  function onStock(e) {
    const k = key(e.warehouse, e.sku);
    if (e.type === "level.changed") {
      const p = state.positions.get(k) || { warehouse: e.warehouse, sku: e.sku, reorderPoint: null, maxStock: null, safetyStock: 0 };
      Object.assign(p, { onHand: e.onHand, reserved: e.reserved, available: e.available, sequence: e.ledgerSeq });
      p.isLow = p.reorderPoint != null && p.available <= p.reorderPoint;
      state.positions.set(k, p);
      renderLevels(k); renderKpis();
      return;
    }
    if (e.reservationId) {
      const rk = `${e.reservationId}|${k}`;
      if (e.type === "stock.reserved") {
        state.reservations.set(rk, { reservationId: e.reservationId, warehouse: e.warehouse, sku: e.sku, quantity: e.quantity,
          reference: e.reference, createdBy: e.user, createdAt: e.at, expiresAt: e.expiresAt });
      } else if (e.type === "stock.extended") {
        const r = state.reservations.get(rk); if (r) r.expiresAt = e.expiresAt;
      } else if (e.entry === "committed" || e.entry === "released" || e.entry === "expired") {
        state.reservations.delete(rk);
      }
      renderReservations();
    }
    addFeed(e.type, `${k} ${signed(e)} → ${fmt(e.available)} available`, e.user);
  }

  function onAlert(e) {
    const a = e.alert;
    if (e.type === "alert.resolved") state.alerts.delete(a.id); else state.alerts.set(a.id, a);
    renderAlerts(); renderKpis();
    addFeed(e.type, `${key(a.warehouse, a.sku)} ${a.kind.replace(/_/g, " ")}`, a.acknowledgedBy || "system");
  }

  function signed(e) {
    const sign = ["stock.reserved", "stock.committed"].includes(e.type) ? "−" : e.quantity < 0 ? "" : "+";
    return `${sign}${fmt(e.quantity)}`;
  }

  // ---- rendering ------------------------------------------------------------------------------------------------
  function esc(s) { return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c])); }
  function visible(w, sku) {
    const chosen = $("warehouse").value, search = $("search").value.trim().toLowerCase();
    return (!chosen || w === chosen) && (!search || sku.toLowerCase().includes(search));
  }

  function renderAll() { renderLevels(); renderAlerts(); renderReservations(); renderChart(); renderKpis(); }

  function renderLevels(flashKey) {
    const groups = new Map();
    for (const p of [...state.positions.values()].sort((a, b) => key(a.warehouse, a.sku).localeCompare(key(b.warehouse, b.sku)))) {
      if (!visible(p.warehouse, p.sku)) continue;
      if (!groups.has(p.warehouse)) groups.set(p.warehouse, []);
      groups.get(p.warehouse).push(p);
    }
    const html = [...groups].map(([w, rows]) => {
      const scale = Math.max(1, ...rows.map((p) => Math.max(p.onHand, p.maxStock || 0)));
      return `<div class="warehouse-group" data-warehouse="${esc(w)}"><h3>${esc(w)}</h3><table class="grid">
        <thead><tr><th>SKU</th><th class="num">On hand</th><th class="num">Reserved</th><th class="num">Available</th><th>Available / reserved</th></tr></thead><tbody>
        ${rows.map((p) => {
          const k = key(p.warehouse, p.sku), cls = [p.available <= 0 ? "out" : p.isLow ? "low" : "", k === flashKey ? "flash" : ""].join(" ");
          const av = Math.max(0, p.available) / scale * 100, re = Math.max(0, p.reserved) / scale * 100;
          return `<tr data-position="${esc(k)}" class="${cls}"><td class="sku">${esc(p.sku)}</td>
            <td class="num on-hand">${fmt(p.onHand)}</td><td class="num reserved">${fmt(p.reserved)}</td><td class="num available">${fmt(p.available)}</td>
            <td class="bar-cell"><div class="bar" title="${fmt(p.available)} available, ${fmt(p.reserved)} reserved">
              <span class="available" style="width:${av}%"></span><span class="reserved" style="width:${re}%"></span></div></td></tr>`;
        }).join("")}</tbody></table></div>`;
    }).join("");
    $("levels").innerHTML = html || '<p class="muted">No positions.</p>';
  }

  function renderAlerts() {
    const canAck = state.capabilities.includes("acknowledge-alerts");
    const order = { critical: 0, warning: 1, info: 2 };
    const items = [...state.alerts.values()].filter((a) => visible(a.warehouse, a.sku))
      .sort((a, b) => (order[a.severity] - order[b.severity]) || b.id - a.id);
    $("alerts").innerHTML = items.map((a) => {
      const s = a.details?.suggestion;
      const suggestion = s && s.quantity != null ? `Reorder ${fmt(s.quantity)}${s.preferredSupplier ? ` from ${esc(s.preferredSupplier)}` : ""}` +
        `${s.leadTimeDays != null ? ` · lead time ${s.leadTimeDays} d` : ""}` : "";
      const acked = a.status === "acknowledged";
      return `<li class="alert-item ${esc(a.severity)} ${esc(a.status)}" data-alert-id="${a.id}">
        <div class="head"><span>${esc(key(a.warehouse, a.sku))}</span><span class="kind">${esc(a.severity)} · ${esc(a.kind.replace(/_/g, " "))}</span></div>
        <div>${esc(a.message)}</div>${suggestion ? `<div class="suggest">${suggestion}</div>` : ""}
        <div class="alert-status">${acked ? `Acknowledged by ${esc(a.acknowledgedBy)}${a.note ? `: “${esc(a.note)}”` : ""}` : `Open since ${new Date(a.raisedAt).toLocaleTimeString()}`}</div>
        ${!acked && canAck ? `<div class="ack-row"><input class="ack-note" placeholder="Note (what was done)" maxlength="2000">
          <button class="ack" type="button">Acknowledge</button></div>` : ""}</li>`;
    }).join("");
    $("no-alerts").hidden = items.length > 0;
  }

  function renderReservations() {
    const now = Date.now();
    const rows = [...state.reservations.values()].filter((r) => visible(r.warehouse, r.sku))
      .sort((a, b) => new Date(a.expiresAt || 0) - new Date(b.expiresAt || 0)).slice(0, 200);
    $("reservations").innerHTML = rows.map((r) => {
      const minutes = r.expiresAt ? Math.max(0, Math.round((new Date(r.expiresAt) - now) / 60000)) : null;
      return `<tr data-reservation="${esc(r.reservationId)}"><td title="${esc(r.reference || "")}">${esc(r.reservationId)}</td>
        <td>${esc(key(r.warehouse, r.sku))}</td><td class="num">${fmt(r.quantity)}</td><td>${minutes == null ? "—" : `in ${minutes} min`}</td></tr>`;
    }).join("");
    $("no-reservations").hidden = rows.length > 0;
  }

  function renderKpis() {
    let positions = 0, onHand = 0, reserved = 0;
    for (const p of state.positions.values()) {
      if (!visible(p.warehouse, p.sku)) continue;
      positions++; onHand += p.onHand; reserved += p.reserved;
    }
    $("kpi-positions").textContent = fmt(positions);
    $("kpi-onhand").textContent = fmt(onHand);
    $("kpi-reserved").textContent = fmt(reserved);
    $("kpi-alerts").textContent = fmt([...state.alerts.values()].filter((a) => visible(a.warehouse, a.sku)).length);
    $("kpi-rate").textContent = fmt(state.metrics?.lastMinute ?? 0);
  }

  function renderChart() {
    const canvas = $("movements"), points = state.metrics?.perMinute || [];
    const ratio = window.devicePixelRatio || 1, width = canvas.clientWidth || 720, height = canvas.clientHeight || 200;
    canvas.width = width * ratio; canvas.height = height * ratio;
    const g = canvas.getContext("2d");
    g.scale(ratio, ratio); g.clearRect(0, 0, width, height);
    const seen = new Set(points.flatMap((p) => Object.keys(p.counts)));
    const types = [...Object.keys(CHART_COLORS).filter((t) => seen.has(t)), ...[...seen].filter((t) => !(t in CHART_COLORS)).sort()];
    $("chart-legend").innerHTML = types.map((t) => `<i class="sw" style="background:${colorOf(t)}"></i>${esc(t.replace(/_/g, " "))}`).join(" ");
    const left = 34, bottom = 18, top = 8, plotH = height - bottom - top, plotW = width - left - 6;
    const max = Math.max(1, ...points.map((p) => Object.values(p.counts).reduce((s, c) => s + c, 0)));
    g.font = "11px system-ui, sans-serif"; g.fillStyle = "#6b7385"; g.strokeStyle = "#e3e7ee";
    for (const f of [0, 0.5, 1]) {
      const y = top + plotH * (1 - f);
      g.beginPath(); g.moveTo(left, y); g.lineTo(width - 6, y); g.stroke();
      g.fillText(String(Math.round(max * f)), 4, y + 4);
    }
    const bw = plotW / Math.max(points.length, 1);
    points.forEach((p, i) => {
      let y = top + plotH;
      for (const t of types) {
        const c = p.counts[t] || 0; if (!c) continue;
        const h = c / max * plotH;
        g.fillStyle = colorOf(t); g.fillRect(left + i * bw + 1, y - h, Math.max(1, bw - 2), h); y -= h;
      }
      if (i % 10 === 0 || i === points.length - 1) {
        g.fillStyle = "#6b7385";
        const label = i === points.length - 1 ? "now" : `-${points.length - 1 - i}m`;
        g.fillText(label, Math.min(left + i * bw, width - 26), height - 4);
      }
    });
  }

  function addFeed(type, text, who) {
    const li = document.createElement("li");
    li.innerHTML = `<span class="t">${new Date().toLocaleTimeString()}</span><span class="type">${esc(type)}</span><span>${esc(text)}</span><span class="muted">${esc(who)}</span>`;
    const feed = $("feed"); feed.prepend(li);
    while (feed.children.length > 50) feed.lastChild.remove();
  }

  // ---- interactions ---------------------------------------------------------------------------------------------
  $("login-form").addEventListener("submit", (ev) => { ev.preventDefault(); signIn($("token-input").value.trim()); });
  $("logout").addEventListener("click", async () => {
    sessionStorage.removeItem(TOKEN_KEY);
    if (state.connection) await state.connection.stop();
    state.connection = null; state.subscribed.clear();
    showLogin();
  });
  $("search").addEventListener("input", () => { renderLevels(); renderAlerts(); renderReservations(); renderKpis(); });
  $("warehouse").addEventListener("change", async () => { await subscribe(); await reload(); });
  $("alerts").addEventListener("click", async (ev) => {
    const button = ev.target.closest("button.ack"); if (!button) return;
    const item = button.closest("[data-alert-id]"), id = Number(item.dataset.alertId);
    button.disabled = true;
    try {
      const alert = await api(`/api/v1/alerts/${id}/acknowledge`, { method: "POST", body: JSON.stringify({ note: item.querySelector(".ack-note").value }) });
      state.alerts.set(alert.id, alert); renderAlerts();
    } catch (e) {
      button.disabled = false;
      item.querySelector(".alert-status").textContent = `Could not acknowledge: ${e.message}`;
    }
  });
  setInterval(renderReservations, 30000);
  window.addEventListener("resize", renderChart);

  // A token in the URL fragment (#token=...) signs in at once and is removed from the address bar.
  const fragment = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fragment) history.replaceState(null, "", location.pathname);
  const saved = fragment || sessionStorage.getItem(TOKEN_KEY);
  if (saved) signIn(saved); else showLogin();
})();
