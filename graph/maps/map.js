/* ssbkg map page: legend, search, filters over a vis-network DataSet.
   Every string from the data is set as text (textContent, option.value,
   vis-network's canvas labels and innerText tooltips): nothing is parsed as HTML. */
(function () {
  "use strict";
  var NONE = "(none)";
  var data = JSON.parse(document.getElementById("ssbkg-data").textContent);
  var state = { ready: false, drawn: 0, error: null };
  window.ssbkgMap = state;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  var notes = document.getElementById("ssbkg-notes");
  (data.notes || []).forEach(function (n) { notes.appendChild(el("li", null, n)); });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var off = {};           // facet -> {value: true} for unchecked values
  (data.filters || []).forEach(function (f) { off[f.facet] = {}; });

  function facetOk(obj, facet) {
    var vals = (obj.f && obj.f[facet]) || [NONE];
    var hidden = off[facet];
    for (var i = 0; i < vals.length; i++) { if (!hidden[vals[i]]) { return true; } }
    return false;
  }
  var nodeFacets = (data.filters || []).filter(function (f) { return f.on === "node"; }).map(function (f) { return f.facet; });
  var edgeFacets = (data.filters || []).filter(function (f) { return f.on === "edge"; }).map(function (f) { return f.facet; });
  function nodeVisible(n) {
    for (var i = 0; i < nodeFacets.length; i++) { if (!facetOk(n, nodeFacets[i])) { return false; } }
    return true;
  }
  var nodeView = new vis.DataView(nodes, { filter: nodeVisible });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      for (var i = 0; i < edgeFacets.length; i++) { if (!facetOk(e, edgeFacets[i])) { return false; } }
      return nodeView.get(e.from) !== null && nodeView.get(e.to) !== null;
    }
  });

  // legend
  var legend = document.getElementById("ssbkg-legend");
  var lg = data.legend || {};
  if (lg.colour && lg.colour.items && lg.colour.items.length) {
    legend.appendChild(el("div", "small", "Colour: " + lg.colour.by));
    lg.colour.items.forEach(function (it) {
      var row = el("div", "lg");
      var sw = el("span", "sw");
      sw.style.background = it[1];
      row.appendChild(sw);
      row.appendChild(el("span", null, it[0]));
      legend.appendChild(row);
    });
  }
  var SHAPES = { dot: "\u25CF", star: "\u2605", diamond: "\u25C6", square: "\u25A0", box: "\u25AD",
                 triangle: "\u25B2", ellipse: "\u2B2D", hexagon: "\u2B22" };
  if (lg.shapes && lg.shapes.length) {
    legend.appendChild(el("div", "small", "Shapes"));
    lg.shapes.forEach(function (it) {
      var row = el("div", "lg");
      row.appendChild(el("span", "sh", SHAPES[it[1]] || it[1]));
      row.appendChild(el("span", null, it[0]));
      legend.appendChild(row);
    });
  }
  if (lg.edges && lg.edges.length) {
    legend.appendChild(el("div", "small", "Links"));
    lg.edges.forEach(function (it) {
      var row = el("div", "lg");
      var sw = el("span", it[2] ? "sw line dashed" : "sw line");
      if (!it[2]) { sw.style.background = it[1]; }
      row.appendChild(sw);
      row.appendChild(el("span", null, it[0]));
      legend.appendChild(row);
    });
  }
  if (lg.size && lg.size.text) { legend.appendChild(el("div", "small", "Size: " + lg.size.text)); }

  // filters
  var filters = document.getElementById("ssbkg-filters");
  var counter = el("div", "small");
  filters.appendChild(counter);
  function recount() {
    counter.textContent = "Shown: " + nodeView.length + " of " + nodes.length + " nodes, " +
      edgeView.length + " of " + edges.length + " links";
  }
  function refresh() { nodeView.refresh(); edgeView.refresh(); recount(); }
  (data.filters || []).forEach(function (f) {
    var fs = el("fieldset");
    fs.appendChild(el("legend", null, f.label));
    fs.dataset.facet = f.facet;
    f.values.forEach(function (v) {
      var lab = el("label");
      var cb = el("input");
      cb.type = "checkbox";
      cb.checked = true;
      cb.value = v;
      cb.addEventListener("change", function () {
        if (cb.checked) { delete off[f.facet][v]; } else { off[f.facet][v] = true; }
        refresh();
      });
      lab.appendChild(cb);
      lab.appendChild(document.createTextNode(" " + v));
      fs.appendChild(lab);
    });
    filters.appendChild(fs);
  });

  // search by English or Chinese label
  var list = document.getElementById("ssbkg-labels");
  var index = [];
  nodes.forEach(function (n) {
    [n.label, n.zh].forEach(function (name) {
      if (name) {
        index.push([String(name).toLowerCase(), n.id]);
        var o = document.createElement("option");
        o.value = String(name);
        list.appendChild(o);
      }
    });
  });
  var status = document.getElementById("ssbkg-status");
  function find(text) {
    var q = String(text || "").trim().toLowerCase();
    if (!q) { return null; }
    var i;
    for (i = 0; i < index.length; i++) { if (index[i][0] === q) { return index[i][1]; } }
    for (i = 0; i < index.length; i++) { if (index[i][0].indexOf(q) >= 0) { return index[i][1]; } }
    return null;
  }
  var network;
  function go() {
    var text = document.getElementById("ssbkg-search").value;
    var id = find(text);
    if (id === null) { status.textContent = "No node named \u201C" + text + "\u201D"; state.found = null; return null; }
    var n = nodes.get(id);
    if (nodeView.get(id) === null) {
      status.textContent = n.label + " is hidden by a filter";
      state.found = null;
      return null;
    }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.5, animation: false });
    status.textContent = "Found: " + n.label + (n.zh ? " (" + n.zh + ")" : "");
    state.found = id;
    return id;
  }
  document.getElementById("ssbkg-go").addEventListener("click", go);
  document.getElementById("ssbkg-search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { go(); }
  });

  var container = document.getElementById("ssbkg-map");
  network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options || {});
  network.fit({ animation: false });
  state.nodes = nodes;
  state.edges = edges;
  state.nodeView = nodeView;
  state.edgeView = edgeView;
  state.network = network;
  state.data = data;
  state.find = go;
  network.on("afterDrawing", function () {
    state.drawn += 1;
    if (!state.ready) { state.ready = true; state.readyAt = performance.now(); }
  });
  if ((data.nodes || []).length === 0) { state.ready = true; state.readyAt = performance.now(); }
  recount();
})();
