/* eventwire report: filters and views over the embedded data (no network, no innerHTML of corpus text). */
(function () {
  "use strict";
  var P = JSON.parse(document.getElementById("ew-data").textContent);
  var SE = P.story_events, REP = P.reports, SENT = P.sentences, ACT = P.actors, TYPES = P.types;
  var QUADS = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"];
  var PALETTE = {
    verbal_cooperation: ["#6baed6", "#3182bd", "#08519c", "#9ecae1"],
    material_cooperation: ["#41ab5d", "#238b45", "#006d2c", "#74c476"],
    verbal_conflict: ["#fd8d3c", "#e6550d", "#a63603", "#fdae6b"],
    material_conflict: ["#ef3b2c", "#cb181d", "#99000d", "#fb6a4a", "#67000d"],
    "": ["#888888", "#aaaaaa"]
  };
  var QUAD_LABEL = { verbal_cooperation: "verbal cooperation", material_cooperation: "material cooperation",
    verbal_conflict: "verbal conflict", material_conflict: "material conflict", "": "other" };
  var PLOT_CONFIG = { displaylogo: false, responsive: true, showSendToCloud: false, showLink: false,
    modeBarButtonsToRemove: ["sendDataToCloud", "lasso2d", "select2d"] };
  var FONT = { family: "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif", size: 12, color: "#1d2733" };

  // ---------------------------------------------------------------- type order and colours
  var typeOrder = [], typeColor = {}, isCoop = {};
  QUADS.concat([""]).forEach(function (q) {
    var k = 0;
    TYPES.forEach(function (t, i) {
      if ((P.quad[i] || "") === q) {
        typeOrder.push(i);
        typeColor[i] = PALETTE[q][k % PALETTE[q].length];
        k++;
      }
    });
  });
  TYPES.forEach(function (t, i) { isCoop[i] = /cooperation/.test(P.quad[i] || ""); });
  var typeRow = {};
  typeOrder.forEach(function (t, row) { typeRow[t] = typeOrder.length - 1 - row; });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function safe(s) { return String(s).replace(/</g, "\u2039").replace(/>/g, "\u203a").replace(/&/g, "\uff06"); }
  function clip(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + "\u2026" : s; }
  function actorNames(ix) { return ix.map(function (a) { return ACT[a][1]; }).join(", "); }
  function dyadText(se) {
    var s = se.src.length ? actorNames(se.src) : "(no source)";
    return se.tgt.length ? s + " \u2192 " + actorNames(se.tgt) : s;
  }
  function hash(i) { var x = Math.sin(i * 12.9898 + 78.233) * 43758.5453; return x - Math.floor(x); }

  // ---------------------------------------------------------------- filters
  var F = { type: document.getElementById("f-type"), actor: document.getElementById("f-actor"),
    from: document.getElementById("f-from"), to: document.getElementById("f-to"),
    outlet: document.getElementById("f-outlet"), min: document.getElementById("f-min"),
    corr: document.getElementById("f-corr") };
  var outletIx = {};
  P.outlets.forEach(function (o, i) { outletIx[o] = i; });

  function actorMatches(q) {
    var want = {};
    if (!q) return null;
    q = q.toLowerCase();
    ACT.forEach(function (a, i) {
      if (a[0].toLowerCase() === q || a[1].toLowerCase() === q || a[1].toLowerCase().indexOf(q) >= 0) want[i] = true;
    });
    return want;
  }
  function currentFilter() {
    var v = F.type.value, f = { types: null, actors: actorMatches(F.actor.value.trim()),
      from: F.from.value || "", to: F.to.value || "", outlet: F.outlet.value ? outletIx[F.outlet.value] : null,
      min: Math.max(1, parseInt(F.min.value, 10) || 1), corr: Math.max(0, parseFloat(F.corr.value) || 0) };
    if (v.indexOf("t:") === 0) { f.types = {}; f.types[+v.slice(2)] = true; }
    else if (v.indexOf("q:") === 0) {
      f.types = {};
      TYPES.forEach(function (t, i) { if (P.quad[i] === v.slice(2)) f.types[i] = true; });
    }
    return f;
  }
  function passes(se, f) {
    if (f.types && !f.types[se.t]) return false;
    if (se.ni < f.min) return false;
    if (f.corr > 0 && (se.c === null || se.c < f.corr)) return false;
    if (f.from && (!se.d || se.d < f.from)) return false;
    if (f.to && (!se.d || se.d > f.to)) return false;
    if (f.outlet !== null && f.outlet !== undefined && se.o.indexOf(f.outlet) < 0) return false;
    if (f.actors) {
      var hit = false;
      se.src.concat(se.tgt).forEach(function (a) { if (f.actors[a]) hit = true; });
      if (!hit) return false;
    }
    return true;
  }
  var shown = [];
  function apply() {
    var f = currentFilter();
    shown = [];
    for (var i = 0; i < SE.length; i++) if (passes(SE[i], f)) shown.push(i);
    document.getElementById("shown").innerHTML = "";
    var s = document.getElementById("shown");
    s.appendChild(el("b", null, shown.length.toLocaleString("en")));
    s.appendChild(document.createTextNode(" of " + SE.length.toLocaleString("en") + " story events shown"));
    drawTypes(); drawTimeline(); drawNetwork(); drawMap(); renderStories(); clearSelection();
  }
  ["change", "input"].forEach(function (ev) {
    [F.type, F.from, F.to, F.outlet, F.min, F.corr].forEach(function (x) { x.addEventListener(ev, debounce(apply)); });
  });
  F.actor.addEventListener("change", apply);
  F.actor.addEventListener("keyup", function (e) { if (e.key === "Enter") apply(); });
  document.getElementById("f-reset").addEventListener("click", function () {
    F.type.value = ""; F.actor.value = ""; F.from.value = ""; F.to.value = ""; F.outlet.value = ""; F.min.value = "1"; F.corr.value = "0";
    apply();
  });
  function debounce(fn) { var t; return function () { clearTimeout(t); t = setTimeout(fn, 120); }; }

  // ---------------------------------------------------------------- events by type
  function drawTypes() {
    var n = {};
    shown.forEach(function (i) { n[SE[i].t] = (n[SE[i].t] || 0) + 1; });
    var order = typeOrder.slice().reverse();
    Plotly.react("types", [{ type: "bar", orientation: "h", y: order.map(function (t) { return TYPES[t]; }),
      x: order.map(function (t) { return n[t] || 0; }), marker: { color: order.map(function (t) { return typeColor[t]; }) },
      hovertemplate: "%{y}: %{x} story events<extra></extra>" }],
      { margin: { l: 90, r: 20, t: 26, b: 30 }, font: FONT, title: { text: "Story events by type (filtered)", font: { size: 13 }, x: 0 },
        xaxis: { gridcolor: "#eef0f3", rangemode: "tozero" }, yaxis: { automargin: true }, plot_bgcolor: "#fff", paper_bgcolor: "#fff" },
      PLOT_CONFIG);
  }

  // ---------------------------------------------------------------- timeline
  function drawTimeline() {
    var cap = P.caps.timeline_points, dated = shown.filter(function (i) { return SE[i].d; });
    var drawn = dated.slice().sort(function (a, b) { return SE[b].ni - SE[a].ni || a - b; }).slice(0, cap);
    var byType = {};
    drawn.forEach(function (i) { (byType[SE[i].t] = byType[SE[i].t] || []).push(i); });
    var traces = typeOrder.filter(function (t) { return byType[t]; }).map(function (t) {
      var ix = byType[t];
      return { type: "scatter", mode: "markers", name: TYPES[t], legendgroup: P.quad[t] || "",
        legendgrouptitle: { text: QUAD_LABEL[P.quad[t] || ""] },
        x: ix.map(function (i) { return SE[i].d; }),
        y: ix.map(function (i) { return typeRow[t] + (hash(i) - 0.5) * 0.55; }),
        customdata: ix,
        text: ix.map(function (i) {
          var se = SE[i], r = se.r.length ? SENT[REP[se.r[0]][0]][0] : "";
          return "<b>" + TYPES[t] + "</b> " + safe(clip(dyadText(se), 80)) + "<br>" + se.d + " \u00b7 " + se.ni +
            " independent outlet" + (se.ni === 1 ? "" : "s") + (se.x.length ? " \u00b7 <b>conflicting reports</b>" : "") +
            "<br>" + safe(clip(r, 110));
        }),
        hovertemplate: "%{text}<extra></extra>",
        marker: { color: typeColor[t], size: ix.map(function (i) { return 8 + 5 * Math.sqrt(SE[i].ni - 1); }),
          line: { color: ix.map(function (i) { return SE[i].x.length ? "#000" : "#fff"; }), width: 1 }, opacity: 0.85 } };
    });
    var rows = typeOrder.map(function (t) { return typeRow[t]; });
    Plotly.react("timeline", traces, {
      margin: { l: 95, r: 10, t: 34, b: 40 }, font: FONT, hovermode: "closest", plot_bgcolor: "#fff", paper_bgcolor: "#fff",
      xaxis: { type: "date", gridcolor: "#eef0f3", title: { text: "event date" } },
      yaxis: { tickvals: rows, ticktext: typeOrder.map(function (t) { return TYPES[t]; }), range: [-0.7, typeOrder.length - 0.3],
        gridcolor: "#f3f4f6", zeroline: false, fixedrange: true },
      legend: { groupclick: "toggleitem", font: { size: 11 } },
      shapes: quadBands()
    }, PLOT_CONFIG);
    var note = [];
    if (shown.length - dated.length) note.push((shown.length - dated.length).toLocaleString("en") + " undated story events are not on the timeline (they are in the story view).");
    if (dated.length > cap) note.push("Drawn: the " + cap.toLocaleString("en") + " best corroborated of " + dated.length.toLocaleString("en") + " dated story events.");
    document.getElementById("timeline-note").textContent = note.join(" ");
  }
  function quadBands() {
    var shapes = [], start = 0;
    QUADS.forEach(function (q, k) {
      var rows = typeOrder.filter(function (t) { return P.quad[t] === q; }).map(function (t) { return typeRow[t]; });
      if (!rows.length) return;
      var lo = Math.min.apply(null, rows) - 0.5, hi = Math.max.apply(null, rows) + 0.5;
      shapes.push({ type: "rect", xref: "paper", x0: 0, x1: 1, yref: "y", y0: lo, y1: hi, layer: "below", line: { width: 0 },
        fillcolor: k % 2 ? "rgba(23,50,77,0.035)" : "rgba(0,0,0,0)" });
      start++;
    });
    return shapes;
  }

  // ---------------------------------------------------------------- network
  var NODES = P.network.nodes, nodePos = {};
  NODES.forEach(function (n) { nodePos[n[0]] = [n[1], n[2]]; });
  function drawNetwork() {
    var pairs = {}, deg = {};
    shown.forEach(function (i) {
      var se = SE[i];
      se.src.forEach(function (a) {
        se.tgt.forEach(function (b) {
          if (a === b || !nodePos[a] || !nodePos[b]) return;
          var k = a < b ? a + "|" + b : b + "|" + a, p = pairs[k] || (pairs[k] = { a: Math.min(a, b), b: Math.max(a, b), n: 0, coop: 0, ev: [] });
          p.n++; if (isCoop[se.t]) p.coop++;
          p.ev.push(i); deg[a] = (deg[a] || 0) + 1; deg[b] = (deg[b] || 0) + 1;
        });
      });
    });
    var all = Object.keys(pairs).map(function (k) { return pairs[k]; }).sort(function (x, y) { return y.n - x.n || x.a - y.a || x.b - y.b; });
    var cap = P.caps.network_edges, edges = all.slice(0, cap), max = edges.length ? edges[0].n : 1;
    var groups = {};
    edges.forEach(function (e) {
      var coop = e.coop * 2 >= e.n, w = 1 + Math.round(4 * Math.sqrt(e.n / max)), k = (coop ? "c" : "x") + w;
      var g = groups[k] || (groups[k] = { x: [], y: [], coop: coop, w: w });
      var pa = nodePos[e.a], pb = nodePos[e.b];
      g.x.push(pa[0], pb[0], null); g.y.push(pa[1], pb[1], null);
    });
    var traces = Object.keys(groups).sort().map(function (k) {
      var g = groups[k];
      return { type: "scatter", mode: "lines", x: g.x, y: g.y, hoverinfo: "skip", showlegend: false,
        line: { color: g.coop ? "rgba(43,140,78,0.55)" : "rgba(198,40,40,0.55)", width: g.w * 1.3 } };
    });
    traces.push({ type: "scatter", mode: "markers", name: "dyads", showlegend: false,
      x: edges.map(function (e) { return (nodePos[e.a][0] + nodePos[e.b][0]) / 2; }),
      y: edges.map(function (e) { return (nodePos[e.a][1] + nodePos[e.b][1]) / 2; }),
      customdata: edges.map(function (e) { return "d:" + e.a + ":" + e.b; }),
      text: edges.map(function (e) { return safe(ACT[e.a][1]) + " \u2014 " + safe(ACT[e.b][1]) + "<br>" + e.n + " story events: " + e.coop + " cooperative, " + (e.n - e.coop) + " conflictual"; }),
      hovertemplate: "%{text}<extra></extra>",
      marker: { size: 7, color: edges.map(function (e) { return e.coop * 2 >= e.n ? "#2b8c4e" : "#c62828"; }), line: { color: "#fff", width: 1 } } });
    var nodes = NODES.filter(function (n) { return deg[n[0]]; });
    var maxDeg = Math.max.apply(null, [1].concat(nodes.map(function (n) { return deg[n[0]]; })));
    traces.push({ type: "scatter", mode: "markers+text", name: "actors", showlegend: false,
      x: nodes.map(function (n) { return n[1]; }), y: nodes.map(function (n) { return n[2]; }),
      customdata: nodes.map(function (n) { return "a:" + n[0]; }),
      text: nodes.map(function (n) { var a = ACT[n[0]]; return clip(a[2] === "org" ? a[1] : a[0], 18); }),
      hovertext: nodes.map(function (n) { return safe(ACT[n[0]][1]) + ": " + deg[n[0]] + " dyadic story events"; }),
      hovertemplate: "%{hovertext}<extra></extra>", textposition: "top center", textfont: { size: 11, color: "#1d2733" },
      marker: { size: nodes.map(function (n) { return 9 + 16 * Math.sqrt(deg[n[0]] / maxDeg); }),
        color: nodes.map(function (n) { return ACT[n[0]][2] === "org" ? "#7e57c2" : "#1f5fa8"; }), opacity: 0.9, line: { color: "#fff", width: 1.5 } } });
    Plotly.react("network", traces, { margin: { l: 10, r: 10, t: 10, b: 10 }, font: FONT, hovermode: "closest",
      plot_bgcolor: "#fff", paper_bgcolor: "#fff", dragmode: "pan",
      xaxis: { visible: false, range: [-0.08, 1.08] }, yaxis: { visible: false, range: [-0.08, 1.1] } }, PLOT_CONFIG);
    var note = [];
    if (!edges.length) note.push("No dyadic story event (source and target both known) passes the filters.");
    if (all.length > cap) note.push("Drawn: the " + cap + " dyads with most events of " + all.length + ".");
    if (P.network.nodes.length >= P.caps.network_nodes) note.push("Actors: the " + P.caps.network_nodes + " most active. Blue: countries, purple: organisations.");
    else note.push("Blue: countries, purple: organisations.");
    document.getElementById("network-note").textContent = note.join(" ");
  }

  // ---------------------------------------------------------------- map
  var SVGNS = "http://www.w3.org/2000/svg", mapSvg = null, countryPaths = {}, pointLayer = null;
  function buildMap() {
    mapSvg = document.createElementNS(SVGNS, "svg");
    mapSvg.setAttribute("viewBox", "0 0 " + P.map.width + " " + P.map.height);
    mapSvg.setAttribute("role", "img");
    mapSvg.setAttribute("aria-label", "world map of story events by country");
    P.map.countries.forEach(function (c) {
      var path = document.createElementNS(SVGNS, "path");
      path.setAttribute("d", c[2]);
      path.appendChild(document.createElementNS(SVGNS, "title"));
      path.addEventListener("click", function () { selectCountry(c[0], c[1]); });
      mapSvg.appendChild(path);
      countryPaths[c[0]] = { path: path, name: c[1] };
    });
    pointLayer = document.createElementNS(SVGNS, "g");
    mapSvg.appendChild(pointLayer);
    document.getElementById("map").appendChild(mapSvg);
  }
  var RAMP = ["#fde0c5", "#facba6", "#f8b58b", "#f59e72", "#f2855d", "#ef6a4c", "#eb4a40", "#b8323d"];
  function drawMap() {
    if (!mapSvg) buildMap();
    var n = {}, max = 0, points = {};
    shown.forEach(function (i) {
      var se = SE[i];
      se.cc.forEach(function (c) { n[c] = (n[c] || 0) + 1; if (n[c] > max) max = n[c]; });
      if (se.pl) { var k = se.pl[0] + "," + se.pl[1]; (points[k] = points[k] || { pl: se.pl, ev: [] }).ev.push(i); }
    });
    Object.keys(countryPaths).forEach(function (code) {
      var c = countryPaths[code], v = n[code] || 0;
      var step = v ? Math.min(RAMP.length - 1, Math.floor(RAMP.length * Math.log(1 + v) / Math.log(1 + max + 1e-9))) : -1;
      c.path.setAttribute("fill", v ? RAMP[step] : "#d9dee4");
      c.path.firstChild.textContent = c.name + " (" + code + "): " + v + " story event" + (v === 1 ? "" : "s");
    });
    while (pointLayer.firstChild) pointLayer.removeChild(pointLayer.firstChild);
    Object.keys(points).sort().forEach(function (k) {
      var pt = points[k], xy = projectLonLat(pt.pl[1], pt.pl[0]), c = document.createElementNS(SVGNS, "circle");
      c.setAttribute("cx", xy[0].toFixed(1)); c.setAttribute("cy", xy[1].toFixed(1));
      c.setAttribute("r", (3 + 2 * Math.sqrt(pt.ev.length)).toFixed(1));
      var t = document.createElementNS(SVGNS, "title");
      t.textContent = (pt.pl[2] || "place") + ": " + pt.ev.length + " story event" + (pt.ev.length === 1 ? "" : "s");
      c.appendChild(t);
      c.addEventListener("click", function () { showSelection("Story events at " + (pt.pl[2] || "this place"), pt.ev, null); });
      pointLayer.appendChild(c);
    });
    var legend = document.getElementById("map-legend");
    legend.textContent = "";
    legend.appendChild(el("span", null, "story events:"));
    [1, Math.max(1, Math.round(Math.sqrt(max))), max].filter(function (v, i, a) { return a.indexOf(v) === i && v > 0; }).forEach(function (v) {
      var step = Math.min(RAMP.length - 1, Math.floor(RAMP.length * Math.log(1 + v) / Math.log(1 + max + 1e-9)));
      var s = el("span"), sw = el("span", "sw"); sw.style.background = RAMP[step];
      s.appendChild(sw); s.appendChild(document.createTextNode(String(v))); legend.appendChild(s);
    });
    var none = el("span"), sw0 = el("span", "sw"); sw0.style.background = "#d9dee4";
    none.appendChild(sw0); none.appendChild(document.createTextNode("none")); legend.appendChild(none);
    var top = document.getElementById("top-countries"), ranked = Object.keys(n).filter(function (c) { return countryPaths[c]; })
      .sort(function (a, b) { return n[b] - n[a] || (a < b ? -1 : 1); }).slice(0, 16);
    top.textContent = "";
    ranked.forEach(function (code) {
      var row = el("div"); row.appendChild(el("span", null, countryPaths[code].name));
      row.appendChild(el("span", "n", n[code])); row.addEventListener("click", function () { selectCountry(code, countryPaths[code].name); });
      top.appendChild(row);
    });
    var np = Object.keys(points).length;
    legend.appendChild(el("span", null, np ? np + " places with coordinates" : "no event has coordinates yet"));
  }
  function selectCountry(code, name) {
    var ev = shown.filter(function (i) { return SE[i].cc.indexOf(code) >= 0; });
    showSelection("Story events in or involving " + name + " (" + code + ")", ev, null);
  }

  // ---------------------------------------------------------------- story view
  function markedSentence(text, marks) {
    var span = el("div", "sent"), cuts = [0, text.length];
    marks.forEach(function (m) { cuts.push(m[0], m[1]); });
    cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    var CLS = ["mk-t", "mk-s", "mk-g", "mk-a"];
    for (var k = 0; k + 1 < cuts.length; k++) {
      var a = cuts[k], b = cuts[k + 1], cls = [];
      marks.forEach(function (m) { if (m[0] <= a && b <= m[1]) cls.push(CLS[m[2]]); });
      var piece = text.slice(a, b);
      if (cls.length) { span.appendChild(el("span", cls.join(" "), piece)); } else { span.appendChild(document.createTextNode(piece)); }
    }
    return span;
  }
  function reportNode(ri) {
    var r = REP[ri], box = el("div", "report" + (r[9] ? " conflict" : "")), src = el("div", "src");
    src.appendChild(el("b", null, P.outlets[r[1]]));
    src.appendChild(document.createTextNode(" \u00b7 " + (r[2] || "undated") + " \u00b7 " + clip(SENT[r[0]][1], 90)));
    if (r[3]) src.appendChild(el("span", "flag neg", "negated"));
    if (r[4] && r[4] !== "asserted") src.appendChild(el("span", "flag", r[4]));
    if (r[5]) src.appendChild(el("span", "flag", "according to " + r[5]));
    if (r[9]) src.appendChild(el("span", "flag neg", "in conflict"));
    if (r[11]) src.appendChild(el("span", "flag", "copy of " + r[11]));
    box.appendChild(src);
    box.appendChild(markedSentence(SENT[r[0]][0], r[7]));
    if (r[8] && r[8].length) box.appendChild(el("div", "claims", "figures: " + r[8].join("; ")));
    return box;
  }
  function storyEventNode(i, focus) {
    var se = SE[i], box = el("div", "se" + (se.x.length ? " conflicted" : "") + (focus ? " focus" : ""));
    box.id = "se-" + i;
    var l1 = el("div", "line1"), chip = el("span", "badge type", TYPES[se.t]);
    chip.style.background = typeColor[se.t];
    l1.appendChild(chip);
    l1.appendChild(el("span", "dyad", dyadText(se)));
    if (se.m) l1.appendChild(el("span", "muted", " (" + se.m + ")"));
    if (se.x.length) l1.appendChild(el("span", "badge conflict", "conflicting reports"));
    box.appendChild(l1);
    var l2 = [(se.d || "undated"), "reported " + se.nr + " time" + (se.nr === 1 ? "" : "s") + " by " + se.no + " outlet" + (se.no === 1 ? "" : "s") +
      " (" + se.ni + " independent)"];
    if (se.c !== null) l2.push("corroboration " + se.c);
    if (se.pl) l2.push("at " + (se.pl[2] || se.pl[0] + ", " + se.pl[1]));
    box.appendChild(el("div", "line2", l2.join(" \u00b7 ")));
    if (se.x.length) {
      var c = el("div", "conflicts");
      se.x.forEach(function (x) { c.appendChild(el("div", null, x[0] + (x[1] ? ": " + x[1] : ""))); });
      box.appendChild(c);
    }
    se.r.forEach(function (ri) { box.appendChild(reportNode(ri)); });
    if (se.nr > se.r.length) box.appendChild(el("div", "muted", (se.nr - se.r.length) + " more report(s) not embedded in this page (see story_events.jsonl)."));
    return box;
  }
  function storyNode(s, members, focus) {
    var st = P.stories[s], box = el("div", "story"), head = el("div", "head");
    box.id = "story-" + s;
    head.appendChild(el("span", "t", st[1]));
    if (members.some(function (i) { return SE[i].x.length; })) head.appendChild(el("span", "badge conflict", "conflicting reports"));
    var meta = [];
    if (st[2]) meta.push(st[2] === st[3] || !st[3] ? st[2] : st[2] + " to " + st[3]);
    if (st[4]) meta.push(st[4] + " article" + (st[4] === 1 ? "" : "s"));
    if (st[5]) meta.push(st[5] + " outlet" + (st[5] === 1 ? "" : "s"));
    meta.push(members.length + " of " + st[6].length + " story events shown");
    head.appendChild(el("div", "m", meta.join(" \u00b7 ")));
    box.appendChild(head);
    members.slice().sort(function (a, b) { return (SE[a].d || "9") < (SE[b].d || "9") ? -1 : (SE[a].d || "9") > (SE[b].d || "9") ? 1 : a - b; })
      .forEach(function (i) { box.appendChild(storyEventNode(i, i === focus)); });
    return box;
  }
  function groupByStory(list) {
    var by = {}, order = [];
    list.forEach(function (i) { var s = SE[i].s; if (!by[s]) { by[s] = []; order.push(s); } by[s].push(i); });
    return { by: by, order: order };
  }
  var storyPage = 25, storyLimit = storyPage;
  function renderStories() {
    var box = document.getElementById("story-list"), g = groupByStory(shown);
    storyLimit = storyPage;
    box.textContent = "";
    var summary = el("p", "hint", g.order.length.toLocaleString("en") + " stories with story events that pass the filters, the best corroborated first.");
    box.appendChild(summary);
    var list = el("div"); box.appendChild(list);
    function more() {
      var from = list.childNodes.length;
      g.order.slice(from, storyLimit).forEach(function (s) { list.appendChild(storyNode(s, g.by[s], null)); });
      var btn = document.getElementById("more-stories");
      if (btn) btn.remove();
      if (storyLimit < g.order.length) {
        var b = el("button", "more", "Show " + Math.min(storyPage, g.order.length - storyLimit) + " more stories");
        b.id = "more-stories";
        b.addEventListener("click", function () { storyLimit += storyPage; more(); });
        box.appendChild(b);
      }
    }
    more();
  }
  function clearSelection() { document.getElementById("selection").textContent = ""; }
  function showSelection(title, list, focus) {
    var box = document.getElementById("selection"), g = groupByStory(list.slice(0, 300));
    box.textContent = "";
    var h = el("h3", null, title + " (" + list.length + ")");
    var close = el("button", "more", "close");
    close.style.marginLeft = "10px";
    close.addEventListener("click", clearSelection);
    h.appendChild(close);
    box.appendChild(h);
    if (list.length > 300) box.appendChild(el("p", "hint", "The first 300 are listed."));
    g.order.forEach(function (s) { box.appendChild(storyNode(s, g.by[s], focus)); });
    var target = focus !== null ? document.getElementById("se-" + focus) : box;
    (target || box).scrollIntoView({ block: "start" });
  }
  function showStoryOf(i) {
    var s = SE[i].s, members = shown.filter(function (j) { return SE[j].s === s; });
    showSelection("Story: " + P.stories[s][1], members, i);
  }

  // ---------------------------------------------------------------- clicks on charts
  function onClick(div, handler) {
    document.getElementById(div).on("plotly_click", function (ev) {
      if (ev && ev.points && ev.points.length && ev.points[0].customdata !== undefined) handler(ev.points[0].customdata);
    });
  }

  // ---------------------------------------------------------------- caps note
  (function capsNote() {
    var c = P.caps, ul = document.getElementById("caps-note"), items = [];
    if (c.story_events_kept < c.story_events_total) items.push("Story events embedded: the " + c.story_events_kept.toLocaleString("en") + " best corroborated of " + c.story_events_total.toLocaleString("en") + ".");
    if (c.reports_dropped) items.push(c.reports_dropped.toLocaleString("en") + " of " + c.reports_total.toLocaleString("en") + " reports are not embedded (at most " + c.reports_per_event + " per story event, one per outlet first).");
    items.push("Timeline: at most " + c.timeline_points.toLocaleString("en") + " points; network: at most " + c.network_nodes + " actors and " + c.network_edges + " dyads; sentences cut to " + c.sentence_chars + " characters around the trigger.");
    if (!P.has_stories) items.push("No reconciliation output: one story event per coded event, one story per article.");
    items.forEach(function (t) { ul.appendChild(el("li", null, t)); });
  })();

  window.eventwireReport = { apply: apply, shown: function () { return shown.slice(); }, showStoryOf: showStoryOf };
  apply();
  onClick("timeline", function (i) { showStoryOf(i); });
  onClick("network", function (key) {
    var parts = String(key).split(":");
    if (parts[0] === "d") {
      var a = +parts[1], b = +parts[2];
      showSelection(ACT[a][1] + " \u2014 " + ACT[b][1], shown.filter(function (i) {
        var se = SE[i];
        return (se.src.indexOf(a) >= 0 && se.tgt.indexOf(b) >= 0) || (se.src.indexOf(b) >= 0 && se.tgt.indexOf(a) >= 0);
      }), null);
    } else if (parts[0] === "a") {
      var x = +parts[1];
      showSelection("Story events of " + ACT[x][1], shown.filter(function (i) { return SE[i].src.indexOf(x) >= 0 || SE[i].tgt.indexOf(x) >= 0; }), null);
    }
  });
})();
