/// The script and styles of the interactive report. The script reads the
/// JSON of `ReportData` (element `gapmap-data`) and the words of
/// `ReportText.interactiveWords` (`gapmap-text`), and only adds up what the
/// Swift side computed: sums of the demand cells chosen by the filters, the
/// coverage variant chosen, ranks by the rule of `GapRanking`.
enum InteractiveScript {
    static let stylesheet = """
        #imap { height: 620px; border: 1px solid #c9ced3; background: #f4f6f8; }
        .controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin: 8px 0; font-size: 13px; }
        .controls label { display: flex; flex-direction: column; gap: 2px; }
        .controls select, .controls input[type=search] { font-size: 13px; padding: 2px 4px; }
        .layers label { display: inline; margin-right: 10px; }
        .legend { background: #fff; padding: 6px 8px; font-size: 12px; line-height: 1.5; border: 1px solid #bbb; }
        .legend i { display: inline-block; width: 16px; height: 11px; margin-right: 6px; border: 1px solid #999; vertical-align: middle; }
        #panel { border: 1px solid #c9ced3; border-radius: 6px; padding: 8px 12px; margin: 8px 0; background: #fbfcfd; font-size: 13px; }
        #panel table { width: auto; min-width: 420px; } #panel table td, #panel table th { padding: 2px 6px; } #panel th { background: none; font-weight: normal; }
        #panel h3 { margin: 2px 0 4px; font-size: 18px; }
        #panel .flag-large { color: #b35900; font-weight: bold; } #panel .flag-surge { color: #b30000; font-weight: bold; }
        #units-table { max-height: 520px; overflow: auto; display: block; }
        #units-table th { cursor: pointer; position: sticky; top: 0; }
        #units-table tr.selected td { background: #fff3b0; }
        #units-table tbody tr { cursor: pointer; }
        .note-filter { color: #7a4b00; font-size: 12px; }
        .leaflet-tooltip.town-label { padding: 0 3px; font-size: 11px; font-weight: bold; color: #1a1a1a; background: rgba(255,255,255,0.75);
          border: none; box-shadow: none; }
        .leaflet-tooltip.town-label:before { display: none; }
        body.js .static { display: none; }
        @media print { body.js .static { display: block; } .interactive { display: none; } }
        """

    static let script = #"""
    (function () {
      "use strict";
      var D = JSON.parse(document.getElementById("gapmap-data").textContent);
      var T = JSON.parse(document.getElementById("gapmap-text").textContent);
      document.body.classList.add("js");
      var units = D.units, n = units.length, shared = !D.cells;
      var lang = document.documentElement.lang;
      var fmt = function (v, dec) {
        if (v === null || v === undefined) return T.withheld;
        return v.toLocaleString(lang === "fr" ? "fr-FR" : "en-GB", { minimumFractionDigits: dec, maximumFractionDigits: dec });
      };
      var metricInfo = {};
      T.metrics.forEach(function (m) { metricInfo[m.key] = m; });
      var figure = function (key, v) {
        var m = metricInfo[key];
        if (v === null || v === undefined) return T.withheld;
        var dec = m.whole && Math.abs(v - Math.round(v)) <= 1e-9 * Math.max(1, Math.abs(v)) ? 0 : m.decimals;
        return fmt(v, dec);
      };
      var monthText = function (m) { var y = Math.floor(m / 12), mm = m % 12 + 1; return y + "-" + (mm < 10 ? "0" : "") + mm; };

      // ---- state ----
      var S = { variant: 0, filter: null, value: null, exact: true, category: -1, type: -1, from: null, to: null, metric: T.defaultMetric, selected: -1,
                sortKey: "gap_rank", sortAsc: true, query: "" };
      if (D.months) { S.from = D.months[0]; S.to = D.months[1]; }
      var windowActive = function () { return D.months && (S.from !== D.months[0] || S.to !== D.months[1]); };
      var periodKept = function (p) {
        var period = D.periods[p];
        if (!windowActive()) return true;
        if (period === 0) return true;        // undated rows are kept (AnalysisFilter, undated = keep)
        if (period === -1) return false;      // an unreadable date is rejected once a window is set
        return period[0] <= S.to && period[1] >= S.from;
      };

      // The coverage of the initiatives the filters keep: the window's set of
      // initiatives (dated ones run only part of the time), then the actor or kind.
      function chooseVariant() {
        var set = 0;
        if (windowActive() && D.windowSets) {
          var width = D.months[1] - D.months[0] + 1;
          set = D.windowSets[(S.from - D.months[0]) * width + (S.to - D.months[0])];
        }
        // Each combination (window's set, actor or kind) and the coverage it reads: 0 the run's, k the k-th
        // variant; or, past the variants computed, per unit the variant that keeps the same initiatives there.
        var find = function (w, filter, value) {
          if (w === 0 && filter === null) return [0, null, null, 0];
          for (var i = 0; i < D.choices.length; i++) {
            var c = D.choices[i];
            if (c[0] === w && c[1] === filter && c[2] === value) return c;
          }
          return null;
        };
        var c = find(set, S.filter, S.value), whole = find(0, S.filter, S.value);
        var fallback = whole && whole[3] >= 0 ? whole[3] : 0;
        S.unitVariant = null;
        if (c && c[3] < 0) {
          S.unitVariant = c[4].map(function (k) { return k >= 0 ? k : fallback; });
          S.variant = fallback;
        } else {
          S.variant = c ? c[3] : fallback;
        }
        var answered = c !== null && (c[3] >= 0 || c[4].every(function (k) { return k >= 0; }));
        S.exact = answered && !(windowActive() && !D.windowSets && D.datedInitiatives);
      }
      // The coverage variant unit r reads.
      function variantOf(r) { return S.unitVariant ? S.unitVariant[r] : S.variant; }

      // ---- figures for the current filters ----
      function compute() {
        chooseVariant();
        var f = [];
        for (var r = 0; r < n; r++) {
          f.push({ needs: 0, needs_covered: 0, incidents: 0, incidents_covered: 0 });
        }
        if (!shared) {
          var c = D.cells, kept = D.periods.map(function (_, p) { return periodKept(p); });
          for (var i = 0; i < c.unit.length; i++) {
            if (!kept[c.period[i]]) continue;
            var inc = c.incident[i] === 1;
            if (inc ? (S.type >= 0 && c.group[i] !== S.type) : (S.category >= 0 && c.group[i] !== S.category)) continue;
            var u = f[c.unit[i]];
            var cov = c.covered[variantOf(c.unit[i])][i];
            if (inc) { u.incidents += c.weight[i]; u.incidents_covered += cov; }
            else { u.needs += c.weight[i]; u.needs_covered += cov; }
          }
        }
        for (r = 0; r < n; r++) {
          var x = f[r], v = D.variants[variantOf(r)];
          T.metrics.forEach(function (m) { if (!(m.key in x)) x[m.key] = (v[m.key] || D.variants[0][m.key])[r]; });
          if (!shared) {
            x.needs_uncovered = x.needs - x.needs_covered;
            x.incidents_uncovered = x.incidents - x.incidents_covered;
            x.uncovered_demand = x.needs_uncovered + x.incidents_uncovered;
          } else {
            ["needs", "needs_covered", "incidents", "incidents_covered"].forEach(function (k) { x[k] = v[k][r]; });
          }
        }
        if (!shared) {
          // gap_rank: most uncovered demand first; ties: lower coverage_pct, then id.
          var order = f.map(function (_, r) { return r; });
          order.sort(function (a, b) {
            var d = f[b].uncovered_demand - f[a].uncovered_demand;
            if (d !== 0) return d;
            var c2 = f[a].coverage_pct - f[b].coverage_pct;
            if (c2 !== 0) return c2;
            return units[a].id < units[b].id ? -1 : units[a].id > units[b].id ? 1 : 0;
          });
          order.forEach(function (r, k) { f[r].gap_rank = k + 1; });
        }
        return f;
      }

      function totals(f) {
        var t = { area_km2: 0, covered_km2: 0, needs: 0, needs_covered: 0, needs_uncovered: 0, incidents: 0, incidents_covered: 0,
                  incidents_uncovered: 0, uncovered_demand: 0, initiatives: 0 };
        f.forEach(function (x) { for (var k in t) t[k] += x[k] || 0; });
        t.coverage_pct = t.area_km2 > 0 ? 100 * t.covered_km2 / t.area_km2 : 0;
        return t;
      }

      // ---- map ----
      var map = L.map("imap", { preferCanvas: true, zoomSnap: 0.25 });
      if (T.tiles) L.tileLayer(T.tiles, { maxZoom: 18 }).addTo(map);
      var latlngs = function (shape) {
        return shape.map(function (poly) { return poly.map(function (ring) { return ring.map(function (p) { return [p[1], p[0]]; }); }); });
      };
      var unitLayers = [], unitGroup = L.featureGroup(), gapGroup = L.featureGroup();
      units.forEach(function (u, r) {
        var layer = L.polygon(latlngs(u.shape), { weight: 0.6, color: "#555", fillOpacity: 0.8 });
        layer.on("click", function () { select(r, false); });
        layer.bindTooltip(function () { return u.name + " (" + u.id + ")"; }, { sticky: true });
        unitLayers.push(layer);
        unitGroup.addLayer(layer);
        if (u.gap) gapGroup.addLayer(L.polygon(latlngs(u.gap), { stroke: false, fillColor: "#3d3d3d", fillOpacity: 0.28, interactive: false }));
      });
      unitGroup.addTo(map);
      map.fitBounds(unitGroup.getBounds());
      var coverageGroup = L.featureGroup();
      if (D.coverage) coverageGroup.addLayer(L.polygon(latlngs(D.coverage), { color: "#08306b", weight: 1.2, fill: false, interactive: false }));
      coverageGroup.addTo(map);
      var needGroup = L.featureGroup(), incidentGroup = L.featureGroup();
      // The weight the hexagons drawn hold, covered and uncovered, per layer (for the browser test).
      var hexTotals = null;
      function drawPoints() {
        needGroup.clearLayers(); incidentGroup.clearLayers();
        hexTotals = D.points || !D.hexagons ? null : {};
        if (D.displaced) {
          var DP = D.displaced;
          for (var i = 0; i < DP.lon.length; i++) {
            if (DP.lon[i] === null) continue;
            (DP.incident[i] ? incidentGroup : needGroup).addLayer(L.circleMarker([DP.lat[i], DP.lon[i]],
              { radius: 2.5, weight: 0.5, color: "#fff", fillColor: DP.colours[DP.incident[i]], fillOpacity: 0.9, interactive: false }));
          }
        }
        if (D.points) {
          var P = D.points;
          for (var i = 0; i < P.lon.length; i++) {
            var inc = P.incident[i] === 1;
            if (!periodKept(P.period[i])) continue;
            if (inc ? (S.type >= 0 && P.group[i] !== S.type) : (S.category >= 0 && P.group[i] !== S.category)) continue;
            var m = L.circleMarker([P.lat[i], P.lon[i]], { radius: inc ? 3 : 2.5, weight: 0.5, color: "#fff",
              fillColor: inc ? (P.covered[i] ? "#6a51a3" : "#c2185b") : (P.covered[i] ? "#2b8cbe" : "#e6550d"), fillOpacity: 0.9, interactive: false });
            (inc ? incidentGroup : needGroup).addLayer(m);
          }
        } else if (D.hexagons) {
          var H = D.hexagons, rr = H.radiusDegrees;
          ["needs", "incidents"].forEach(function (name) {
            // Each hexagon's weight in the rows the filters keep (entries per hexagon, period and group).
            var h = H[name], inc = name === "incidents", count = h.x.length, max = 0, hex = 0;
            var cov = new Float64Array(count), unc = new Float64Array(count), kept = new Uint8Array(count);
            for (var i = 0; i < h.step.length; i++) {
              hex += h.step[i];
              if (H.byPeriod && !periodKept(h.period[i])) continue;
              if (H.byPeriod && (inc ? (S.type >= 0 && h.group[i] !== S.type) : (S.category >= 0 && h.group[i] !== S.category))) continue;
              cov[hex] += h.covered[i]; unc[hex] += h.uncovered[i]; kept[hex] = 1;
            }
            for (i = 0; i < count; i++) max = Math.max(max, cov[i] + unc[i]);
            var t = hexTotals[name] = { covered: 0, uncovered: 0, hexagons: 0 };
            for (i = 0; i < count; i++) if (kept[i]) { t.covered += cov[i]; t.uncovered += unc[i]; t.hexagons += 1; }
            for (i = 0; i < count; i++) {
              if (!kept[i]) continue;
              var corners = [];
              for (var k = 0; k < 6; k++) {
                var a = Math.PI / 180 * (60 * k - 30);
                corners.push([h.y[i] + rr * Math.sin(a), (h.x[i] + rr * Math.cos(a)) / H.lonScale]);
              }
              var w = cov[i] + unc[i], share = w > 0 ? unc[i] / w : 0;
              (name === "needs" ? needGroup : incidentGroup).addLayer(L.polygon(corners, { stroke: false, interactive: false,
                fillColor: name === "needs" ? (share > 0.5 ? "#e6550d" : "#2b8cbe") : (share > 0.5 ? "#c2185b" : "#6a51a3"),
                fillOpacity: 0.25 + 0.7 * Math.sqrt(w / (max || 1)) }));
            }
          });
        }
      }
      // A shareable report: the hexagons' counts (withheld ones grey) and the displaced points, none at its own coordinates.
      var sharedHexagonGroup = L.featureGroup();
      if (D.sharedHexagons) {
        var SH = D.sharedHexagons;
        SH.id.forEach(function (id, i) {
          sharedHexagonGroup.addLayer(L.polygon(SH.ring[i].map(function (p) { return [p[1], p[0]]; }),
            { weight: 0.4, color: "#5a5a5a", fillColor: SH.colour[i], fillOpacity: 0.85 })
            .bindTooltip(SH.tip[i], { sticky: true }));
        });
        sharedHexagonGroup.addTo(map);
      }
      drawPoints();
      needGroup.addTo(map); incidentGroup.addTo(map);
      // The most populous towns inside the units (GeoNames), marked and named as on the static map.
      // Towns come most populous first; a name that would cover a more populous town's name or any town's dot
      // at the current zoom is hidden until zooming in separates them (the dot stays).
      var townGroup = L.featureGroup(), townMarkers = [];
      T.towns.forEach(function (t) {
        var m = L.circleMarker([t.lat, t.lon], { radius: 3.5, weight: 1.5, color: "#fff", fillColor: "#1a1a1a", fillOpacity: 1, interactive: false })
          .bindTooltip(t.name, { permanent: true, direction: "right", offset: [5, 0], className: "town-label", interactive: false, opacity: 1 });
        townMarkers.push(m);
        townGroup.addLayer(m);
      });
      function declutterTowns() {
        if (!map.hasLayer(townGroup)) return;
        var dots = townMarkers.map(function (m) {
          var p = map.latLngToContainerPoint(m.getLatLng());
          return { x0: p.x - 4, x1: p.x + 4, y0: p.y - 4, y1: p.y + 4 };
        });
        var placed = [];
        townMarkers.forEach(function (m, i) {
          var el = m.getTooltip().getElement(), p = map.latLngToContainerPoint(m.getLatLng());
          var w = el ? el.offsetWidth : 7 * T.towns[i].name.length + 6, h = el ? el.offsetHeight : 15;
          var box = { x0: p.x + 5, x1: p.x + 5 + w, y0: p.y - h / 2, y1: p.y + h / 2 };
          var apart = function (b) { return box.x1 <= b.x0 || box.x0 >= b.x1 || box.y1 <= b.y0 || box.y0 >= b.y1; };
          var clear = placed.every(apart) && dots.every(function (d, k) { return k === i || apart(d); });
          if (clear) placed.push(box);
          m.getTooltip().setOpacity(clear ? 1 : 0);
          if (el) el.classList.toggle("town-hidden", !clear);
        });
      }
      if (T.towns.length) { townGroup.addTo(map); declutterTowns(); }
      map.on("zoomend", declutterTowns);
      townGroup.on("add", declutterTowns);
      var layerGroups = { units: unitGroup, gaps: gapGroup, footprints: coverageGroup, needs: needGroup, incidents: incidentGroup, towns: townGroup };
      document.querySelectorAll(".layers input").forEach(function (box) {
        var g = layerGroups[box.value];
        box.checked = map.hasLayer(g);
        box.addEventListener("change", function () { if (box.checked) g.addTo(map); else map.removeLayer(g); });
      });

      // ---- legend ----
      var legend = L.control({ position: "bottomright" });
      legend.onAdd = function () { this._div = L.DomUtil.create("div", "legend"); this._div.id = "legend"; return this._div; };
      legend.addTo(map);

      function classes(values, count) {
        var known = values.filter(function (v) { return v !== null && v !== undefined; }).sort(function (a, b) { return a - b; });
        var breaks = [];
        for (var k = 1; k < count; k++) breaks.push(known[Math.floor(k * known.length / count)]);
        breaks = breaks.filter(function (b, i) { return b !== undefined && (i === 0 || b !== breaks[i - 1]); });
        return { min: known[0], max: known[known.length - 1], breaks: breaks };
      }

      var F = null;
      function render() {
        F = compute();
        var key = S.metric, values = F.map(function (x) { return x[key]; });
        var cls = classes(values, 5), colours = T.ramps[key === "coverage_pct" ? "coverage" : "demand"];
        var count = cls.breaks.length + 1, palette = colours.slice(0, count);
        if (count < colours.length) palette = colours.filter(function (_, i) { return i % Math.ceil(colours.length / count) === 0; }).slice(0, count);
        var classOf = function (v) { var k = 0; while (k < cls.breaks.length && v > cls.breaks[k]) k++; return k; };
        var colourOf = function (v) {
          if (v === null || v === undefined) return "#bdbdbd";
          var k = classOf(v);
          return key === "gap_rank" ? palette[count - 1 - k] : palette[k];
        };
        unitLayers.forEach(function (layer, r) {
          layer.setStyle({ fillColor: colourOf(values[r]), weight: r === S.selected ? 2.5 : 0.6, color: r === S.selected ? "#000" : "#555" });
        });
        var lo = cls.min, edges = [lo].concat(cls.breaks).concat([cls.max]), html = "<b>" + metricInfo[key].label + "</b><br>";
        for (var k = 0; k < count; k++) {
          var colour = key === "gap_rank" ? palette[count - 1 - k] : palette[k];
          var range = edges[k] === edges[k + 1] ? figure(key, edges[k]) : figure(key, edges[k]) + " – " + figure(key, edges[k + 1]);
          html += "<div><i style=\"background:" + colour + "\"></i>" + range + "</div>";
        }
        var withheld = values.filter(function (v) { return v === null || v === undefined; }).length;
        if (withheld > 0) html += "<div><i style=\"background:#bdbdbd\"></i>" + T.withheldLegend + " (" + fmt(withheld, 0) + ")</div>";
        html += "<div><i style=\"background:#3d3d3d;opacity:.35\"></i>" + T.gap + "</div>";
        html += "<div><i style=\"background:none;border:2px solid #08306b\"></i>" + T.footprints + "</div>";
        if (T.towns.length) html += "<div id=\"legend-towns\"><i style=\"background:#1a1a1a;border:1.5px solid #fff;border-radius:50%;width:8px;height:8px;margin:0 10px 0 4px\"></i>"
          + T.town + "<br><span class=\"note\">" + T.townSource + "</span></div>";
        if (D.sharedHexagons) {
          var SH = D.sharedHexagons;
          html += "<div id=\"legend-shared-hexagons\"><b>" + SH.title.join(" ") + "</b>";
          SH.colours.forEach(function (c, k) { html += "<div><i style=\"background:" + c + "\"></i>" + SH.ranges[k] + "</div>"; });
          var withheldCount = SH.needs.filter(function (n, i) { return n === null || SH.incidents[i] === null; }).length;
          if (withheldCount > 0) html += "<div><i style=\"background:#bdbdbd\"></i>" + SH.withheldLabel + " (" + withheldCount + ")</div>";
          html += "</div>";
        }
        if (D.displaced) {
          var DL = D.displaced;
          html += "<div id=\"legend-displaced\"><div><i style=\"background:" + DL.colours[0] + ";border-radius:50%\"></i>" + DL.legend[0] + "</div>"
            + "<div><i style=\"background:" + DL.colours[1] + ";border-radius:50%\"></i>" + DL.legend[1] + "</div><div>" + DL.legend[2] + "</div></div>";
        }
        if (D.hexagons) html += "<div>" + T.hexagons.replace("%d", fmt(D.hexagons.points, 0)) + "</div>"
          + (D.hexagons.byPeriod ? "" : "<div class=\"note-filter\">" + T.hexagonsUnfiltered + "</div>");
        else if (D.points) html += "<div><i style=\"background:#e6550d;border-radius:50%\"></i>" + T.needUncovered + " <i style=\"background:#2b8cbe;border-radius:50%\"></i>" + T.covered + "</div>"
          + "<div><i style=\"background:#c2185b;border-radius:50%\"></i>" + T.incidentUncovered + " <i style=\"background:#6a51a3;border-radius:50%\"></i>" + T.covered + "</div>";
        document.getElementById("legend").innerHTML = html;
        renderHeadline();
        renderTable();
        if (S.selected >= 0) renderPanel(S.selected);
      }

      // Needs or incidents: their total, or "—" and why when the run had no such layer.
      function demandFigure(key, value) {
        var missing = (D.noLayer || []).indexOf(key) >= 0;
        return "<div class=\"figure\"><b id=\"h-" + key + "\">" + (missing ? "—" : figure(key, value)) + "</b>" + metricInfo[key].label
          + (missing ? " (" + T.noLayer + ")" : "") + "</div>";
      }

      function renderHeadline() {
        var t = totals(F), worst = F.map(function (x, r) { return r; }).filter(function (r) { return F[r].gap_rank === 1; })[0];
        var el = document.getElementById("headline");
        el.innerHTML = "<div class=\"figure\"><b id=\"h-coverage\">" + fmt(t.coverage_pct, 1) + " %</b>" + T.areaCovered + "</div>"
          + "<div class=\"figure\"><b id=\"h-uncovered\">" + figure("uncovered_demand", shared ? D.national.uncovered_demand : t.uncovered_demand) + "</b>" + T.uncoveredDemand + "</div>"
          + demandFigure("needs", shared ? D.national.needs : t.needs)
          + demandFigure("incidents", shared ? D.national.incidents : t.incidents)
          + (worst !== undefined ? "<div class=\"figure\"><b>" + units[worst].name + "</b>" + (shared ? T.mostUnderServedPublished : T.mostUnderServed) + "</div>" : "");
        var notes = [];
        if (!S.exact) notes.push(T.notExact);
        if (S.variant > 0) notes.push(T.layersAllInitiatives);
        document.getElementById("filter-note").textContent = notes.join(" ");
      }

      // ---- table ----
      var columns = ["gap_rank"].concat(T.tableColumns);
      var thead = document.querySelector("#units-table thead tr");
      thead.innerHTML = "<th data-key=\"id\" class=\"t\">" + T.id + "</th><th data-key=\"name\" class=\"t\">" + T.unitName + "</th>"
        + columns.map(function (k) { return "<th data-key=\"" + k + "\">" + metricInfo[k].short + "</th>"; }).join("");
      thead.querySelectorAll("th").forEach(function (th) {
        th.addEventListener("click", function () {
          var k = th.getAttribute("data-key");
          if (S.sortKey === k) S.sortAsc = !S.sortAsc;
          else { S.sortKey = k; S.sortAsc = k === "gap_rank" || k === "id" || k === "name" || k === "coverage_pct"; }
          renderTable();
        });
      });
      var tbody = document.querySelector("#units-table tbody");
      function matches(r) {
        if (!S.query) return true;
        var q = S.query.toLowerCase();
        return units[r].name.toLowerCase().indexOf(q) >= 0 || units[r].id.toLowerCase().indexOf(q) >= 0;
      }
      function renderTable() {
        var key = S.sortKey, order = F.map(function (_, r) { return r; }).filter(matches);
        var val = function (r) { return key === "id" || key === "name" ? units[r][key] : F[r][key]; };
        order.sort(function (a, b) {
          var x = val(a), y = val(b);
          if (x === null || x === undefined) return 1;
          if (y === null || y === undefined) return -1;
          var d = x < y ? -1 : x > y ? 1 : 0;
          if (d === 0) d = F[a].gap_rank - F[b].gap_rank;
          return S.sortAsc ? d : -d;
        });
        var html = "";
        order.forEach(function (r) {
          html += "<tr data-unit=\"" + r + "\"" + (r === S.selected ? " class=\"selected\"" : "") + "><td class=\"t\">" + units[r].id + "</td><td class=\"t\">"
            + units[r].name + "</td>" + columns.map(function (k) { return "<td data-key=\"" + k + "\">" + figure(k, F[r][k]) + "</td>"; }).join("") + "</tr>";
        });
        tbody.innerHTML = html;
        document.getElementById("table-count").textContent = T.shown.replace("%d", order.length).replace("%n", n);
      }
      tbody.addEventListener("click", function (e) {
        var tr = e.target.closest("tr");
        if (tr) select(+tr.getAttribute("data-unit"), true);
      });

      // ---- the selected unit ----
      function select(r, zoom) {
        S.selected = r;
        if (zoom) map.fitBounds(unitLayers[r].getBounds(), { maxZoom: 10 });
        render();
        var row = tbody.querySelector("tr[data-unit=\"" + r + "\"]");
        if (row && !zoom) row.scrollIntoView({ block: "nearest" });
      }

      function series(r) {
        if (shared || !D.months) return null;
        var first = D.months[0], count = D.months[1] - first + 1, s = [];
        for (var k = 0; k < count; k++) s.push({ month: first + k, incidents: 0, needsCovered: 0, needs: 0 });
        var c = D.cells, cov = c.covered[variantOf(r)];
        for (var i = 0; i < c.unit.length; i++) {
          if (c.unit[i] !== r) continue;
          var p = D.periods[c.period[i]];
          if (!Array.isArray(p) || p[0] !== p[1]) continue;
          var inc = c.incident[i] === 1;
          if (inc ? (S.type >= 0 && c.group[i] !== S.type) : (S.category >= 0 && c.group[i] !== S.category)) continue;
          var e = s[p[0] - first];
          if (inc) e.incidents += c.weight[i]; else { e.needs += c.weight[i]; e.needsCovered += cov[i]; }
        }
        // The change flags computed by gapmap (TrendFlag), for the type and category chosen.
        var mark = function (flags, pctKey, flagKey) {
          for (var i = 0; i < flags.length; i += 4) {
            if (flags[i] !== r) continue;
            var e = s[flags[i + 1]];
            e[pctKey] = flags[i + 2]; e[flagKey] = flags[i + 3] === 2 ? "surge" : "large";
          }
        };
        mark(D.trendFlags.incidents[S.type + 1] || [], "incidentChange", "incidentFlag");
        mark(D.trendFlags.needs[S.category + 1] || [], "needChange", "needFlag");
        return s;
      }

      function chart(s) {
        var w = 520, h = 120, max = 1;
        s.forEach(function (e) { max = Math.max(max, e.incidents, e.needs); });
        var bw = w / s.length, svg = "<svg width=\"" + w + "\" height=\"" + (h + 18) + "\" role=\"img\" aria-label=\"" + T.trendHeading + "\">";
        s.forEach(function (e, k) {
          var ih = h * e.incidents / max, nc = h * e.needsCovered / max, nu = h * (e.needs - e.needsCovered) / max;
          svg += "<rect x=\"" + (k * bw) + "\" y=\"" + (h - ih) + "\" width=\"" + Math.max(1, bw / 2 - 0.5) + "\" height=\"" + ih + "\" fill=\""
            + (e.incidentFlag === "surge" ? "#b30000" : e.incidentFlag === "large" ? "#e6550d" : "#c2185b") + "\"><title>"
            + monthText(e.month) + ": " + fmt(e.incidents, 0) + "</title></rect>";
          svg += "<rect x=\"" + (k * bw + bw / 2) + "\" y=\"" + (h - nc - nu) + "\" width=\"" + Math.max(1, bw / 2 - 0.5) + "\" height=\"" + nu + "\" fill=\"#fdae6b\"/>";
          svg += "<rect x=\"" + (k * bw + bw / 2) + "\" y=\"" + (h - nc) + "\" width=\"" + Math.max(1, bw / 2 - 0.5) + "\" height=\"" + nc + "\" fill=\"#2b8cbe\"/>";
        });
        svg += "<text x=\"0\" y=\"" + (h + 14) + "\" font-size=\"11\">" + monthText(s[0].month) + "</text><text x=\"" + w + "\" y=\"" + (h + 14)
          + "\" font-size=\"11\" text-anchor=\"end\">" + monthText(s[s.length - 1].month) + "</text></svg>";
        return svg;
      }

      function renderPanel(r) {
        var u = units[r], x = F[r], panel = document.getElementById("panel");
        var html = "<h3 id=\"panel-name\">" + u.name + " <small>(" + u.id + ")</small></h3>";
        if (u.parents.length) html += "<p id=\"panel-parents\">" + T.parents + " " + u.parents.join(" › ") + "</p>";
        if (u.sensitive && u.sensitive.length) html += "<p id=\"panel-sensitive\">" + T.sensitivePresence + " " + u.sensitive.join(", ") + "</p>";
        html += "<p>" + metricInfo.gap_rank.label + " <b id=\"panel-rank\">" + figure("gap_rank", x.gap_rank) + "</b> / " + n + "</p><table><tbody>";
        T.metrics.forEach(function (m) {
          if (m.key === "gap_rank") return;
          html += "<tr><th class=\"t\">" + m.label + "</th><td data-key=\"" + m.key + "\">" + figure(m.key, x[m.key]) + "</td></tr>";
        });
        html += "</tbody></table>";
        var s = series(r);
        if (s && s.length) {
          html += "<h4>" + T.trendHeading + "</h4><p class=\"note\">" + T.trendLegend + "</p>" + chart(s);
          var flagged = s.filter(function (e) { return e.incidentFlag || e.needFlag; });
          if (flagged.length) {
            html += "<table class=\"flags\"><tr><th class=\"t\">" + T.month + "</th><th>" + metricInfo.incidents.label + "</th><th>" + T.change + "</th><th>"
              + metricInfo.needs.label + "</th><th>" + T.change + "</th></tr>";
            flagged.slice(-12).forEach(function (e) {
              var cell = function (pct, f) { return f ? "<span class=\"flag-" + f + "\">+" + fmt(pct, 0) + " % " + T.flags[f] + "</span>" : ""; };
              html += "<tr><td class=\"t\">" + monthText(e.month) + "</td><td>" + fmt(e.incidents, 0) + "</td><td>" + cell(e.incidentChange, e.incidentFlag) + "</td><td>"
                + fmt(e.needs, 0) + "</td><td>" + cell(e.needChange, e.needFlag) + "</td></tr>";
            });
            html += "</table>";
          }
          html += "<p class=\"note\">" + T.flagRule + "</p>";
        }
        panel.innerHTML = html;
        panel.hidden = false;
      }

      // ---- controls ----
      var metricSelect = document.getElementById("metric");
      metricSelect.value = S.metric;
      metricSelect.addEventListener("change", function () { S.metric = metricSelect.value; render(); });
      var search = document.getElementById("search");
      search.addEventListener("input", function () { S.query = search.value.trim(); renderTable(); });
      search.addEventListener("keydown", function (e) {
        if (e.key !== "Enter") return;
        var r = F.map(function (_, r) { return r; }).filter(matches)[0];
        if (r !== undefined) select(r, true);
      });
      function fillSelect(id, names, onChange) {
        var el = document.getElementById(id);
        if (!el) return;
        names.forEach(function (name, i) { var o = document.createElement("option"); o.value = i; o.textContent = name; el.appendChild(o); });
        el.addEventListener("change", function () { onChange(+el.value); render(); drawPoints(); });
      }
      if (!shared) {
        // The actors and kinds offered: those computed over the whole period.
        var valuesOf = function (filter) {
          return D.choices.filter(function (c) { return c[1] === filter && c[0] === 0; }).map(function (c) { return c[2]; });
        };
        var actorValues = valuesOf("actor"), kindValues = valuesOf("kind");
        fillSelect("actor", actorValues.map(function (v) { return T.actors[v] || v; }), function (i) {
          S.filter = i < 0 ? null : "actor"; S.value = i < 0 ? null : actorValues[i];
          document.getElementById("kind").value = "-1";
        });
        fillSelect("kind", kindValues, function (i) {
          S.filter = i < 0 ? null : "kind"; S.value = i < 0 ? null : kindValues[i];
          document.getElementById("actor").value = "-1";
        });
        fillSelect("category", D.needCategories, function (i) { S.category = i; });
        fillSelect("type", D.incidentTypes, function (i) { S.type = i; });
        if (D.months) {
          var from = document.getElementById("from"), to = document.getElementById("to"), year = document.getElementById("year");
          [from, to].forEach(function (el) { el.min = D.months[0]; el.max = D.months[1]; });
          from.value = D.months[0]; to.value = D.months[1];
          var showPeriod = function () { document.getElementById("period-text").textContent = monthText(S.from) + " – " + monthText(S.to); };
          var onSlide = function () {
            S.from = Math.min(+from.value, +to.value); S.to = Math.max(+from.value, +to.value);
            year.value = ""; showPeriod(); render(); drawPoints();
          };
          from.addEventListener("input", onSlide); to.addEventListener("input", onSlide);
          for (var y = Math.floor(D.months[0] / 12); y <= Math.floor(D.months[1] / 12); y++) {
            var o = document.createElement("option"); o.value = y; o.textContent = y; year.appendChild(o);
          }
          year.addEventListener("change", function () {
            if (year.value === "") { S.from = D.months[0]; S.to = D.months[1]; }
            else { S.from = Math.max(D.months[0], +year.value * 12); S.to = Math.min(D.months[1], +year.value * 12 + 11); }
            from.value = S.from; to.value = S.to; showPeriod(); render(); drawPoints();
          });
          showPeriod();
        } else {
          document.getElementById("period-box").hidden = true;
        }
      }
      render();
      // A link to the page with #P-code opens that unit (#ML0601).
      var linked = units.findIndex(function (u) { return "#" + u.id === decodeURIComponent(location.hash); });
      if (linked >= 0) select(linked, true);
      // For readers' own scripts and the browser test: the state, the figures shown, the map and its layers.
      window.gapmap = { state: S, figures: function () { return F; }, totals: function () { return totals(F); }, units: units,
                        hexagons: function () { return hexTotals; },
                        map: map, unitLayers: unitLayers, layers: layerGroups };
    })();
    """#
}
