import GeoFormats

/// The default QGIS styles of the GeoPackage output, so the map reads
/// right the moment QGIS opens it, in the classes and colours of
/// `gapmap map` and `gapmap report` (`MapPalette`, `ColorRamp`): regions
/// shaded by `coverage_pct` in the map's default classes (Jenks natural
/// breaks, 5 classes, yellow-green-blue), gaps hatched, footprints and
/// coverage outlined, needs (circles) and incidents (diamonds) hollow blue
/// when covered and filled orange / red when not.
///
/// The QML carries each symbol layer's properties twice: as an `Option`
/// map (QGIS 3.26 and later) and as `prop` elements (earlier 3.x).
/// The legend entries (class ranges, categories) and the descriptions are
/// in the run's language, the class bounds with a decimal comma in French,
/// as in the map's legend.
enum QGISStyles {
    // MARK: The layers

    /// The regions graduated by `metric` in the classes `breaks` (as the map
    /// computes them), each class in the map's colour.
    static func regions(table: String, metric: MapMetric, breaks: ClassBreaks, units: UnitNames = .regions,
                        language: ReportLanguage = .english) -> GeoPackageLayerStyle {
        let colors = metric.ramp.colors(breaks.upperBounds.count)
        let labels = ChoroplethMap.classRanges(breaks, language: language)
        let key = metric.rawValue
        var lowers = [breaks.minimum]
        lowers += breaks.upperBounds.dropLast()
        let fill = { (color: String) in
            simpleFill(fill: MapPalette.qgis(color), style: "solid", outline: MapPalette.qgis(MapPalette.regionOutline), outlineWidth: 0.16)
        }
        let symbols = colors.enumerated().map { i, color in symbol(name: "\(i)", type: "fill", layer: fill(color)) }
        let ranges = breaks.upperBounds.indices.map { i in
            #"<range lower="\#(exact(lowers[i]))" upper="\#(exact(breaks.upperBounds[i]))" symbol="\#(i)" label="\#(xmlEscaped(labels[i]))" render="true"/>"#
        }
        let renderer = """
            <renderer-v2 type="graduatedSymbol" attr="\(key)" graduatedMethod="GraduatedColor" symbollevels="0" forceraster="0" enableorderby="0" referencescale="-1">
              <ranges>
                \(ranges.joined(separator: "\n    "))
              </ranges>
              <symbols>
            \(symbols.joined(separator: "\n"))
              </symbols>
              <source-symbol>
            \(symbol(name: "0", type: "fill", layer: fill(colors[0])))
              </source-symbol>
              <mode name="jenks"/>
              <classificationMethod id="Jenks">
                <symmetricMode enabled="0" symmetrypoint="0" astride="0"/>
                <labelFormat format="%1 – %2" trimtrailingzeroes="1" labelprecision="1"/>
                <extraInformation/>
              </classificationMethod>
              <rotation/>
              <sizescale/>
            </renderer-v2>
            """
        // SLD: the first class includes its lower bound, the others start above it (as the map's classes do).
        let rules = breaks.upperBounds.indices.map { i in
            let lowerTest = i == 0 ? "PropertyIsGreaterThanOrEqualTo" : "PropertyIsGreaterThan"
            return sldRule(name: labels[i],
                           filter: """
                               <ogc:Filter><ogc:And><ogc:\(lowerTest)><ogc:PropertyName>\(key)</ogc:PropertyName>\
                               <ogc:Literal>\(exact(lowers[i]))</ogc:Literal></ogc:\(lowerTest)><ogc:PropertyIsLessThanOrEqualTo>\
                               <ogc:PropertyName>\(key)</ogc:PropertyName><ogc:Literal>\(exact(breaks.upperBounds[i]))</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>\
                               </ogc:And></ogc:Filter>
                               """,
                           symbolizer: sldPolygon(fill: colors[i], stroke: MapPalette.regionOutline, strokeWidth: 0.6))
        }
        return GeoPackageLayerStyle(
            table: table, name: key, qml: qml(renderer: renderer, geometryType: 2), sld: sld(layer: table, rules: rules),
            description: language == .french
                ? "Couleur des \(units.plural(language)) selon \(key) : les classes et les couleurs de la carte de gapmap"
                : "\(units.plural(language).prefix(1).uppercased() + units.plural(language).dropFirst()) coloured by \(key) in the classes and colours of gapmap's map")
    }

    static func gaps(table: String, units: UnitNames = .regions, language: ReportLanguage = .english) -> GeoPackageLayerStyle {
        let layer = simpleFill(fill: MapPalette.qgis(MapPalette.gapHatch), style: "b_diagonal",
                               outline: MapPalette.qgis(MapPalette.gapHatch), outlineWidth: 0, outlineStyle: "no")
        let hatch = """
            <se:PolygonSymbolizer><se:Fill><se:GraphicFill><se:Graphic><se:Mark><se:WellKnownName>shape://backslash</se:WellKnownName>\
            <se:Stroke><se:SvgParameter name="stroke">\(MapPalette.gapHatch)</se:SvgParameter><se:SvgParameter name="stroke-width">1</se:SvgParameter>\
            </se:Stroke></se:Mark><se:Size>8</se:Size></se:Graphic></se:GraphicFill></se:Fill></se:PolygonSymbolizer>
            """
        return GeoPackageLayerStyle(
            table: table, name: "gaps", qml: qml(renderer: singleSymbol(symbol(name: "0", type: "fill", layer: layer)), geometryType: 2),
            sld: sld(layer: table, rules: [sldRule(name: Labels(language).gap, filter: "", symbolizer: hatch)]),
            description: language == .french ? "Parties des \(units.plural(language)) qu'aucune initiative ne couvre, hachurées comme sur la carte de gapmap"
                : "Parts of \(units.plural(language)) no initiative covers, hatched as on gapmap's map")
    }

    /// The coverage, or the initiatives' footprints: outlined, not filled.
    static func outlines(table: String, name: String, legend: String, description: String) -> GeoPackageLayerStyle {
        let layer = simpleFill(fill: MapPalette.qgis(MapPalette.footprint), style: "no", outline: MapPalette.qgis(MapPalette.footprint), outlineWidth: 0.4)
        let outline = """
            <se:PolygonSymbolizer><se:Stroke><se:SvgParameter name="stroke">\(MapPalette.footprint)</se:SvgParameter>\
            <se:SvgParameter name="stroke-width">1.5</se:SvgParameter></se:Stroke></se:PolygonSymbolizer>
            """
        return GeoPackageLayerStyle(
            table: table, name: name, qml: qml(renderer: singleSymbol(symbol(name: "0", type: "fill", layer: layer)), geometryType: 2),
            sld: sld(layer: table, rules: [sldRule(name: legend, filter: "", symbolizer: outline)]), description: description)
    }

    /// Needs (circles) or incidents (diamonds): hollow blue when covered,
    /// filled when not, as on gapmap's map.
    static func demand(table: String, layer: DemandPoints.Layer, language: ReportLanguage = .english) -> GeoPackageLayerStyle {
        let words = Labels(language)
        let shape = layer == .needs ? "circle" : "diamond"
        let (fill, outline) = layer == .needs ? (MapPalette.uncoveredNeed, MapPalette.uncoveredNeedOutline)
            : (MapPalette.uncoveredIncident, MapPalette.uncoveredIncidentOutline)
        let hollow = MapPalette.qgis(MapPalette.covered).replacingOccurrences(of: ",255", with: ",0")
        // `value` is what the renderer's expression gives; `label` what the legend shows.
        let classes: [(value: String, label: String, fill: String, outline: String, covered: Bool)] = [
            ("covered", layer == .needs ? words.needCovered : words.incidentCovered, hollow, MapPalette.qgis(MapPalette.covered), true),
            ("not covered", layer == .needs ? words.needUncovered : words.incidentUncovered, MapPalette.qgis(fill), MapPalette.qgis(outline), false),
        ]
        let symbols = classes.enumerated().map { i, c in
            symbol(name: "\(i)", type: "marker", layer: simpleMarker(shape: shape, fill: c.fill, outline: c.outline))
        }
        let categories = classes.enumerated().map { i, c in
            #"<category type="string" value="\#(c.value)" symbol="\#(i)" label="\#(xmlEscaped(c.label))" render="true"/>"#
        }
        let expression = xmlEscaped(#"CASE WHEN "covered" THEN 'covered' ELSE 'not covered' END"#)
        let renderer = """
            <renderer-v2 type="categorizedSymbol" attr="\(expression)" symbollevels="0" forceraster="0" enableorderby="0" referencescale="-1">
              <categories>
                \(categories.joined(separator: "\n    "))
              </categories>
              <symbols>
            \(symbols.joined(separator: "\n"))
              </symbols>
              <source-symbol>
            \(symbol(name: "0", type: "marker", layer: simpleMarker(shape: shape, fill: classes[1].fill, outline: classes[1].outline)))
              </source-symbol>
              <rotation/>
              <sizescale/>
            </renderer-v2>
            """
        // SLD has no diamond: a square turned by 45°.
        let (sldShape, rotation) = layer == .needs ? ("circle", "") : ("square", "<se:Rotation>45</se:Rotation>")
        let rules = classes.map { c in
            let paint = c.covered
                ? #"<se:Stroke><se:SvgParameter name="stroke">\#(MapPalette.covered)</se:SvgParameter><se:SvgParameter name="stroke-width">1</se:SvgParameter></se:Stroke>"#
                : #"<se:Fill><se:SvgParameter name="fill">\#(fill)</se:SvgParameter></se:Fill><se:Stroke><se:SvgParameter name="stroke">\#(outline)</se:SvgParameter><se:SvgParameter name="stroke-width">0.5</se:SvgParameter></se:Stroke>"#
            return sldRule(name: c.label,
                    filter: "<ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>covered</ogc:PropertyName><ogc:Literal>\(c.covered ? 1 : 0)</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>",
                    symbolizer: """
                        <se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>\(sldShape)</se:WellKnownName>\(paint)</se:Mark>\
                        <se:Size>7</se:Size>\(rotation)</se:Graphic></se:PointSymbolizer>
                        """)
        }
        return GeoPackageLayerStyle(
            table: table, name: "covered", qml: qml(renderer: renderer, geometryType: 0), sld: sld(layer: table, rules: rules),
            description: language == .french
                ? "\(layer == .needs ? "Besoins" : "Incidents") creux en bleu quand une zone d'action les couvre, pleins sinon, comme sur la carte de gapmap"
                : "\(table.capitalized) hollow blue when a footprint covers them, filled when not, as on gapmap's map")
    }

    // MARK: QML pieces

    static func qml(renderer: String, geometryType: Int) -> String {
        """
        <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
        <qgis version="3.22.16-Białowieża" styleCategories="Symbology">
        \(renderer)
          <blendMode>0</blendMode>
          <featureBlendMode>0</featureBlendMode>
          <layerOpacity>1</layerOpacity>
          <layerGeometryType>\(geometryType)</layerGeometryType>
        </qgis>

        """
    }

    static func singleSymbol(_ symbol: String) -> String {
        """
        <renderer-v2 type="singleSymbol" symbollevels="0" forceraster="0" enableorderby="0" referencescale="-1">
          <symbols>
        \(symbol)
          </symbols>
          <rotation/>
          <sizescale/>
        </renderer-v2>
        """
    }

    static func symbol(name: String, type: String, layer: String) -> String {
        """
            <symbol type="\(type)" name="\(name)" alpha="1" clip_to_extent="1" force_rhr="0">
              \(layer)
            </symbol>
        """
    }

    static func simpleFill(fill: String, style: String, outline: String, outlineWidth: Double, outlineStyle: String = "solid") -> String {
        symbolLayer("SimpleFill", [
            ("border_width_map_unit_scale", "3x:0,0,0,0,0,0"), ("color", fill), ("joinstyle", "bevel"), ("offset", "0,0"),
            ("offset_map_unit_scale", "3x:0,0,0,0,0,0"), ("offset_unit", "MM"), ("outline_color", outline), ("outline_style", outlineStyle),
            ("outline_width", "\(outlineWidth)"), ("outline_width_unit", "MM"), ("style", style),
        ])
    }

    static func simpleMarker(shape: String, fill: String, outline: String) -> String {
        symbolLayer("SimpleMarker", [
            ("angle", "0"), ("color", fill), ("horizontal_anchor_point", "1"), ("joinstyle", "bevel"), ("name", shape),
            ("offset", "0,0"), ("offset_map_unit_scale", "3x:0,0,0,0,0,0"), ("offset_unit", "MM"), ("outline_color", outline),
            ("outline_style", "solid"), ("outline_width", "0.3"), ("outline_width_unit", "MM"), ("scale_method", "diameter"),
            ("size", "2.4"), ("size_map_unit_scale", "3x:0,0,0,0,0,0"), ("size_unit", "MM"), ("vertical_anchor_point", "1"),
        ])
    }

    static func symbolLayer(_ kind: String, _ properties: [(String, String)]) -> String {
        """
        <layer class="\(kind)" enabled="1" locked="0" pass="0">
                \(options(properties))
                \(props(properties))
              </layer>
        """
    }

    static func options(_ properties: [(String, String)]) -> String {
        "<Option type=\"Map\">" + properties.map { #"<Option name="\#(xmlEscaped($0.0))" type="QString" value="\#(xmlEscaped($0.1))"/>"# }.joined()
            + "</Option>"
    }

    static func props(_ properties: [(String, String)]) -> String {
        properties.map { #"<prop k="\#(xmlEscaped($0.0))" v="\#(xmlEscaped($0.1))"/>"# }.joined()
    }

    /// A class bound written so that QGIS reads back the same double.
    static func exact(_ v: Double) -> String { "\(v)" }

    static func xmlEscaped(_ text: String) -> String { XMLText.escaped(text) }

    // MARK: SLD pieces

    static func sld(layer: String, rules: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <StyledLayerDescriptor version="1.1.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc" \
        xmlns:se="http://www.opengis.net/se" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd">
          <NamedLayer>
            <se:Name>\(xmlEscaped(layer))</se:Name>
            <UserStyle>
              <se:Name>\(xmlEscaped(layer))</se:Name>
              <se:FeatureTypeStyle>
        \(rules.joined(separator: "\n"))
              </se:FeatureTypeStyle>
            </UserStyle>
          </NamedLayer>
        </StyledLayerDescriptor>

        """
    }

    static func sldRule(name: String, filter: String, symbolizer: String) -> String {
        """
                <se:Rule>
                  <se:Name>\(xmlEscaped(name))</se:Name>
                  \(filter)
                  \(symbolizer)
                </se:Rule>
        """
    }

    static func sldPolygon(fill: String, stroke: String, strokeWidth: Double) -> String {
        """
        <se:PolygonSymbolizer><se:Fill><se:SvgParameter name="fill">\(fill)</se:SvgParameter></se:Fill><se:Stroke>\
        <se:SvgParameter name="stroke">\(stroke)</se:SvgParameter><se:SvgParameter name="stroke-width">\(strokeWidth)</se:SvgParameter>\
        </se:Stroke></se:PolygonSymbolizer>
        """
    }
}
