/* A quotation session's live block: best price, anonymised ladder, countdown and one's own rank,
   updated from the server-sent events of /sessions/<id>/events/. The page is complete without it. */
(function () {
  "use strict";

  var NBSP = "\u00a0";

  function formatRub(value) {
    if (value === null || value === undefined || value === "") return "—";
    var text = String(value);
    var negative = text.charAt(0) === "-";
    if (negative) text = text.slice(1);
    var parts = text.split(".");
    var integer = parts[0];
    var fraction = ((parts[1] || "") + "00").slice(0, 2);
    var groups = [];
    while (integer.length > 3) {
      groups.unshift(integer.slice(-3));
      integer = integer.slice(0, -3);
    }
    groups.unshift(integer);
    return (negative ? "−" : "") + groups.join(NBSP) + "," + fraction + NBSP + "₽";
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function formatCountdown(ms) {
    if (ms <= 0) return "00:00:00";
    var total = Math.floor(ms / 1000);
    var hours = Math.floor(total / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    return pad(hours) + ":" + pad(minutes) + ":" + pad(total % 60);
  }

  function timeFormatter(tz) {
    try {
      return new Intl.DateTimeFormat("ru-RU", {
        timeZone: tz, hour: "2-digit", minute: "2-digit", second: "2-digit"
      });
    } catch (e) {
      return new Intl.DateTimeFormat("ru-RU", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
    }
  }

  function setText(root, name, text) {
    var nodes = root.querySelectorAll("[data-live='" + name + "']");
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = text;
  }

  function LiveSession(root) {
    this.root = root;
    this.url = root.getAttribute("data-events-url");
    this.phase = root.getAttribute("data-phase");
    this.endsAt = root.getAttribute("data-ends-at") ? Date.parse(root.getAttribute("data-ends-at")) : null;
    var serverTime = root.getAttribute("data-server-time");
    this.offset = serverTime ? Date.parse(serverTime) - Date.now() : 0;
    this.times = timeFormatter(root.getAttribute("data-tz") || "Europe/Moscow");
    this.reloading = false;
  }

  LiveSession.prototype.serverNow = function () { return Date.now() + this.offset; };

  LiveSession.prototype.tick = function () {
    if (this.endsAt === null) return;
    var left = this.endsAt - this.serverNow();
    setText(this.root, "countdown", formatCountdown(left));
    if (left <= 0 && this.phase === "bidding") {
      this.phase = "closing";
      this.root.setAttribute("data-phase", "closing");
      setText(this.root, "phase-note", "Приём предложений завершён, подводятся итоги");
      var forms = document.querySelectorAll("[data-bidding-form]");
      for (var i = 0; i < forms.length; i++) {
        var controls = forms[i].querySelectorAll("input, button");
        for (var j = 0; j < controls.length; j++) controls[j].disabled = true;
      }
    }
  };

  LiveSession.prototype.renderLadder = function (rows) {
    var body = this.root.querySelector("[data-live='ladder']");
    if (!body) return;
    while (body.firstChild) body.removeChild(body.firstChild);
    var empty = this.root.querySelector("[data-live='ladder-empty']");
    if (empty) empty.hidden = rows.length > 0;
    var table = body.closest("table");
    if (table) table.hidden = rows.length === 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var tr = document.createElement("tr");
      if (row.mine) tr.className = "mine";
      var cells = [
        String(row.seq),
        row.label + (row.mine ? " (вы)" : ""),
        formatRub(row.price),
        row.placed_at ? this.times.format(new Date(row.placed_at)) : "—"
      ];
      for (var c = 0; c < cells.length; c++) {
        var td = document.createElement("td");
        td.textContent = cells[c];
        if (c === 2) td.className = "num";
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
  };

  LiveSession.prototype.apply = function (state) {
    if (state.server_time) this.offset = Date.parse(state.server_time) - Date.now();
    if (state.ends_at) this.endsAt = Date.parse(state.ends_at);
    setText(this.root, "best-price", formatRub(state.best_price || state.start_price));
    setText(this.root, "bids-count", String(state.bids_count));
    setText(this.root, "participants-count", String(state.participants_count));
    setText(this.root, "status", state.status_label || "");
    if (state.next_price_max !== undefined) {
      setText(this.root, "next-price", state.next_price_max === null
        ? "—" : formatRub(state.next_price_min) + " … " + formatRub(state.next_price_max));
    }
    var me = state.me;
    if (me && me.rank) {
      setText(this.root, "my-rank", me.rank === 1
        ? "Ваше предложение лучшее (1-е место)"
        : "Ваше место: " + me.rank + " из " + state.participants_count);
      setText(this.root, "my-price", formatRub(me.best_price));
    } else if (me) {
      setText(this.root, "my-rank", "Вы ещё не подавали предложений");
      setText(this.root, "my-price", "—");
    }
    this.renderLadder(state.ladder || []);
    this.root.setAttribute("data-version", String(state.version));
    this.tick();
    var rendered = this.root.getAttribute("data-rendered-phase");
    if (state.final || (state.phase !== rendered && state.phase !== "closing" && state.phase !== "bidding")) {
      this.finish();
    }
  };

  LiveSession.prototype.finish = function () {
    if (this.reloading) return;
    this.reloading = true;
    if (this.source) this.source.close();
    setText(this.root, "phase-note", "Итоги подведены, обновляем страницу…");
    window.setTimeout(function () { window.location.reload(); }, 300);
  };

  LiveSession.prototype.start = function () {
    var self = this;
    this.tick();
    window.setInterval(function () { self.tick(); }, 250);
    if (!this.url || typeof window.EventSource === "undefined") return;
    this.source = new EventSource(this.url);
    this.source.addEventListener("state", function (event) {
      var state;
      try { state = JSON.parse(event.data); } catch (e) { return; }
      self.apply(state);
    });
    this.source.addEventListener("open", function () { self.root.setAttribute("data-connected", "1"); });
    this.source.addEventListener("error", function () { self.root.setAttribute("data-connected", "0"); });
  };

  document.addEventListener("DOMContentLoaded", function () {
    var roots = document.querySelectorAll("[data-live-session]");
    for (var i = 0; i < roots.length; i++) new LiveSession(roots[i]).start();
  });
})();
