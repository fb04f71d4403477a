import GeoFormats

/// The default QGIS styles of the GeoPackage output, so the map reads
/// right the moment QGIS opens it: regions coloured by `coverage_pct`
/// (viridis, a colour-blind-safe sequential palette), gaps hatched,
/// coverage outlined, needs and incidents as dots coloured by `covered`
/// (Okabe–Ito blue and vermillion, told apart with any colour vision).
///
/// The QML carries each symbol layer's properties twice: as an `Option`
/// map (QGIS 3.26 and later) and as `prop` elements (earlier 3.x).
enum QGISStyles {
    struct RGB {
        var r: Int, g: Int, b: Int
        var qgis: String { "\(r),\(g),\(b),255" }
        var hex: String {
            "#" + [r, g, b].map { v in let h = String(v, radix: 16); return h.count == 1 ? "0" + h : h }.joined()
        }
    }

    /// Viridis at 0, ¼, ½, ¾ and 1.
    static let viridis = [RGB(r: 68, g: 1, b: 84), RGB(r: 59, g: 82, b: 139), RGB(r: 33, g: 145, b: 140),
                          RGB(r: 94, g: 201, b: 98), RGB(r: 253, g: 231, b: 37)]
    static let coveredBlue = RGB(r: 0, g: 114, b: 178)
    static let uncoveredVermillion = RGB(r: 213, g: 94, b: 0)
    static let outlineGrey = RGB(r: 35, g: 35, b: 35)

    /// The coverage classes of the regions: 0–20 %, …, 80–100 %.
    static let coverageClasses: [(lower: Double, upper: Double)] = (0..<5).map { (Double($0) * 20, Double($0 + 1) * 20) }

    // MARK: The five layers

    static func regions(table: String) -> GeoPackageLayerStyle {
        let symbols = viridis.enumerated().map { i, color in
            symbol(name: "\(i)", type: "fill", layer: simpleFill(fill: color, style: "solid", outline: outlineGrey, outlineWidth: 0.26))
        }
        let ranges = coverageClasses.enumerated().map { i, c in
            #"<range lower="\#(decimal(c.lower))" upper="\#(decimal(c.upper))" symbol="\#(i)" label="\#(Int(c.lower)) – \#(Int(c.upper)) %" render="true"/>"#
        }
        let stops = (1..<4).map { "\(Double($0) / 4);\(viridis[$0].qgis)" }.joined(separator: ":")
        let ramp = [("color1", viridis[0].qgis), ("color2", viridis[4].qgis), ("discrete", "0"), ("rampType", "gradient"),
                    ("stops", stops)]
        let renderer = """
            <renderer-v2 type="graduatedSymbol" attr="\(MetricCatalogue.coveragePct.key)" graduatedMethod="GraduatedColor" symbollevels="0" forceraster="0" enableorderby="0" referencescale="-1">
              <ranges>
                \(ranges.joined(separator: "\n    "))
              </ranges>
              <symbols>
            \(symbols.joined(separator: "\n"))
              </symbols>
              <source-symbol>
            \(symbol(name: "0", type: "fill", layer: simpleFill(fill: viridis[0], style: "solid", outline: outlineGrey, outlineWidth: 0.26)))
              </source-symbol>
              <colorramp type="gradient" name="[source]">
                \(options(ramp))
                \(props(ramp))
              </colorramp>
              <mode name="equal"/>
              <classificationMethod id="EqualInterval">
                <symmetricMode enabled="0" symmetrypoint="0" astride="0"/>
                <labelFormat format="%1 – %2 %" trimtrailingzeroes="1" labelprecision="0"/>
                <extraInformation/>
              </classificationMethod>
              <rotation/>
              <sizescale/>
            </renderer-v2>
            """
        let rules = coverageClasses.enumerated().map { i, c in
            sldRule(name: "\(Int(c.lower)) – \(Int(c.upper)) %",
                    filter: """
                        <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>\(MetricCatalogue.coveragePct.key)</ogc:PropertyName>\
                        <ogc:Literal>\(Int(c.lower))</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIs\(i == 4 ? "LessThanOrEqualTo" : "LessThan")>\
                        <ogc:PropertyName>\(MetricCatalogue.coveragePct.key)</ogc:PropertyName><ogc:Literal>\(Int(c.upper))</ogc:Literal></ogc:PropertyIs\(i == 4 ? "LessThanOrEqualTo" : "LessThan")>\
                        </ogc:And></ogc:Filter>
                        """,
                    symbolizer: sldPolygon(fill: viridis[i].hex, stroke: outlineGrey.hex, strokeWidth: 1))
        }
        return GeoPackageLayerStyle(
            table: table, name: MetricCatalogue.coveragePct.key, qml: qml(renderer: renderer, geometryType: 2), sld: sld(layer: table, rules: rules),
            description: "Regions coloured by \(MetricCatalogue.coveragePct.key) in five classes of 20 % (viridis)")
    }

    static func gaps(table: String) -> GeoPackageLayerStyle {
        let layer = simpleFill(fill: uncoveredVermillion, style: "b_diagonal", outline: uncoveredVermillion, outlineWidth: 0.3)
        let hatch = """
            <se:PolygonSymbolizer><se:Fill><se:GraphicFill><se:Graphic><se:Mark><se:WellKnownName>shape://backslash</se:WellKnownName>\
            <se:Stroke><se:SvgParameter name="stroke">\(uncoveredVermillion.hex)</se:SvgParameter><se:SvgParameter name="stroke-width">1</se:SvgParameter>\
            </se:Stroke></se:Mark><se:Size>8</se:Size></se:Graphic></se:GraphicFill></se:Fill><se:Stroke><se:SvgParameter name="stroke">\
            \(uncoveredVermillion.hex)</se:SvgParameter><se:SvgParameter name="stroke-width">1</se:SvgParameter></se:Stroke></se:PolygonSymbolizer>
            """
        return GeoPackageLayerStyle(
            table: table, name: "gaps", qml: qml(renderer: singleSymbol(symbol(name: "0", type: "fill", layer: layer)), geometryType: 2),
            sld: sld(layer: table, rules: [sldRule(name: "gap", filter: "", symbolizer: hatch)]),
            description: "Parts of regions no initiative covers, hatched")
    }

    static func coverage(table: String) -> GeoPackageLayerStyle {
        let layer = simpleFill(fill: coveredBlue, style: "no", outline: coveredBlue, outlineWidth: 0.6)
        let outline = """
            <se:PolygonSymbolizer><se:Stroke><se:SvgParameter name="stroke">\(coveredBlue.hex)</se:SvgParameter>\
            <se:SvgParameter name="stroke-width">2</se:SvgParameter></se:Stroke></se:PolygonSymbolizer>
            """
        return GeoPackageLayerStyle(
            table: table, name: "coverage", qml: qml(renderer: singleSymbol(symbol(name: "0", type: "fill", layer: layer)), geometryType: 2),
            sld: sld(layer: table, rules: [sldRule(name: "coverage", filter: "", symbolizer: outline)]),
            description: "The union of the footprints in the run, outlined")
    }

    /// Needs (circles) or incidents (triangles): blue when covered,
    /// vermillion when not.
    static func demand(table: String, shape: String, sldShape: String) -> GeoPackageLayerStyle {
        let classes = [("covered", coveredBlue), ("not covered", uncoveredVermillion)]
        let symbols = classes.enumerated().map { i, c in symbol(name: "\(i)", type: "marker", layer: simpleMarker(shape: shape, fill: c.1)) }
        let categories = classes.enumerated().map { i, c in
            #"<category type="string" value="\#(c.0)" symbol="\#(i)" label="\#(c.0)" render="true"/>"#
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
            \(symbol(name: "0", type: "marker", layer: simpleMarker(shape: shape, fill: coveredBlue)))
              </source-symbol>
              <rotation/>
              <sizescale/>
            </renderer-v2>
            """
        let rules = classes.map { c in
            sldRule(name: c.0,
                    filter: "<ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>covered</ogc:PropertyName><ogc:Literal>\(c.0 == "covered" ? 1 : 0)</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>",
                    symbolizer: """
                        <se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>\(sldShape)</se:WellKnownName><se:Fill>\
                        <se:SvgParameter name="fill">\(c.1.hex)</se:SvgParameter></se:Fill><se:Stroke><se:SvgParameter name="stroke">#ffffff</se:SvgParameter>\
                        <se:SvgParameter name="stroke-width">0.5</se:SvgParameter></se:Stroke></se:Mark><se:Size>7</se:Size></se:Graphic></se:PointSymbolizer>
                        """)
        }
        return GeoPackageLayerStyle(
            table: table, name: "covered", qml: qml(renderer: renderer, geometryType: 0), sld: sld(layer: table, rules: rules),
            description: "\(table.capitalized) coloured by whether a footprint covers them")
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

    static func simpleFill(fill: RGB, style: String, outline: RGB, outlineWidth: Double) -> String {
        symbolLayer("SimpleFill", [
            ("border_width_map_unit_scale", "3x:0,0,0,0,0,0"), ("color", fill.qgis), ("joinstyle", "bevel"), ("offset", "0,0"),
            ("offset_map_unit_scale", "3x:0,0,0,0,0,0"), ("offset_unit", "MM"), ("outline_color", outline.qgis), ("outline_style", "solid"),
            ("outline_width", "\(outlineWidth)"), ("outline_width_unit", "MM"), ("style", style),
        ])
    }

    static func simpleMarker(shape: String, fill: RGB) -> String {
        symbolLayer("SimpleMarker", [
            ("angle", "0"), ("color", fill.qgis), ("horizontal_anchor_point", "1"), ("joinstyle", "bevel"), ("name", shape),
            ("offset", "0,0"), ("offset_map_unit_scale", "3x:0,0,0,0,0,0"), ("offset_unit", "MM"), ("outline_color", "255,255,255,255"),
            ("outline_style", "solid"), ("outline_width", "0.2"), ("outline_width_unit", "MM"), ("scale_method", "diameter"),
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

    static func decimal(_ v: Double) -> String { "\(Int(v)).000000000000000" }

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
