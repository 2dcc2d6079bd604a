// claimledger web app: progressive enhancement only. Every page works without this file.
// Loaded from this origin (CSP: script-src 'self'); no inline script, no eval.
(function () {
  "use strict";

  function drawGraph(box) {
    if (!box || box.dataset.drawn || typeof window.cytoscape !== "function") { return; }
    box.dataset.drawn = "1";
    fetch(box.dataset.graph, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(function (g) {
        var column = { origin: 0, relay: 1, outlet: 2 };
        var rows = [0, 0, 0];
        var count = [0, 0, 0];
        g.nodes.forEach(function (n) { count[column[n.data.role] || 0] += 1; });
        var most = Math.max.apply(null, count);
        g.nodes.forEach(function (n) {
          var c = column[n.data.role] || 0;
          n.position = { x: 60 + c * 360, y: 30 + ((most - count[c]) / 2 + rows[c]) * 44 };
          rows[c] += 1;
        });
        box.hidden = false;
        box.style.height = Math.max(240, 60 + Math.max.apply(null, rows) * 44) + "px";
        var cy = window.cytoscape({
          container: box,
          elements: { nodes: g.nodes, edges: g.edges },
          layout: { name: "preset" },
          style: [
            { selector: "node", style: { "label": "data(label)", "font-size": 11, "text-valign": "center",
              "text-halign": "right", "text-margin-x": 6, "width": 14, "height": 14, "background-color": "#1f4e79" } },
            { selector: "node[role = 'relay']", style: { "background-color": "#b86e00", "shape": "diamond" } },
            { selector: "node[role = 'outlet']", style: { "background-color": "#2e7d32", "shape": "round-rectangle",
              "text-halign": "left", "text-margin-x": -6 } },
            { selector: "edge", style: { "width": "mapData(claims, 1, 20, 1, 8)", "line-color": "#9aa5b1",
              "curve-style": "bezier", "target-arrow-shape": "triangle", "target-arrow-color": "#9aa5b1",
              "opacity": 0.8 } }
          ]
        });
        cy.on("tap", "node", function (evt) {
          var href = evt.target.data("href");
          if (href && href.charAt(0) === "/" && href.charAt(1) !== "/") { window.location.assign(href); }
        });
        var svg = document.getElementById("source-graph-svg");
        if (svg) { svg.hidden = true; }
      })
      .catch(function () { box.hidden = true; });
  }

  function enhance(root) {
    drawGraph((root || document).querySelector ? (root || document).querySelector("#source-graph") : null);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (evt) { enhance(evt.target); });
})();
