import Foundation

/// The usage errors of the command line (exit 64) in French: the
/// commands' own checks of their options (`ValidationError` in the CLI),
/// the sentences of the model those checks quote (a hexagon size, a field
/// to keep, an exposure radius, an incident weighting), and the sentences
/// swift-argument-parser writes itself (an unknown option, a missing or
/// invalid value). Like the other entries, each has a stable code, the
/// English wording as a pattern and the French wording with the values
/// kept; the CLI renders them in the run's language.
extension ErrorMessages {
    static let usageEntries: [Entry] = [
        // The options' bounds (BoundChecks): "--radius must be a number greater than 0 and at most 2000 km, not -3; for example --radius 10."
        Entry("usage_bound", #"(\S+) must be a number (.+), not (.+); for example (.+)\."#,
              fr: "$1 doit être un nombre $2, non $3 ; par exemple $4."),
        Entry("usage_bound", #"(\S+) must be a whole number (.+), not (.+); for example (.+)\."#,
              fr: "$1 doit être un nombre entier $2, non $3 ; par exemple $4."),
        Entry("usage_bound", #"--min-severity must be a whole number from 1 to 5, not (.+)\."#,
              fr: "--min-severity doit être un nombre entier de 1 à 5, non $1."),
        Entry("usage_bound", #"--min-fatalities must be a whole number ≥ 0, not (.+)\."#,
              fr: "--min-fatalities doit être un nombre entier ≥ 0, non $1."),
        Entry("usage_bound", #"--classes must be from 1 to 9\."#, fr: "--classes doit valoir de 1 à 9."),
        Entry("usage_bound", #"--max-problems must be 0 or more\."#, fr: "--max-problems doit valoir 0 ou plus."),
        Entry("usage_bound", #"--min-per-region must be from 0 to --sites \((.+)\), not (.+)\."#,
              fr: "--min-per-region doit valoir de 0 à --sites ($1), non $2."),
        Entry("usage_bound", #"--max-extent: (.+); give 0 for no bound, or for example --max-extent (.+)\."#,
              fr: "--max-extent : $1 ; donnez 0 pour ne pas borner, ou par exemple --max-extent $2."),

        // Outputs
        Entry("usage_output", #"(\S+): the output folder is empty \(''\); name one, for example (.+)\."#,
              fr: "$1 : le dossier de sortie est vide ('') ; nommez-en un, par exemple $2."),
        Entry("usage_output", #"(\S+): the output file is empty \(''\); name one, for example (.+)\."#,
              fr: "$1 : le fichier de sortie est vide ('') ; nommez-en un, par exemple $2."),

        // Layers and the sample
        Entry("usage_sample", #"--sample runs on the bundled sample alone, whose initiatives, needs and incidents are invented: it is never mixed with your layers\. Drop --sample to analyse (.+)\."#,
              fr: "--sample analyse l'exemple fourni seul, dont les initiatives, besoins et incidents sont inventés : il n'est jamais mêlé à vos couches. Retirez --sample pour analyser $1."),
        Entry("usage_layer", #"Name the GeoPackage layer once: either --regions (.+) or --layer (.+)\."#,
              fr: "Nommez la couche du GeoPackage une seule fois : soit --regions $1, soit --layer $2."),
        Entry("usage_unit_name", #"--unit-name must be a name, name/plural, or English name/plural/French name/plural, not '(.*)'; for example --unit-name commune/communes\."#,
              fr: "--unit-name doit être un nom, nom/pluriel, ou nom anglais/pluriel/nom français/pluriel, non '$1' ; par exemple --unit-name commune/communes."),
        Entry("usage_rank_by", #"--rank-by must be one of (.+), not "(.*)"; for example --rank-by exposed_uncovered_population\."#,
              fr: "--rank-by doit être l'un de $1, non « $2 » ; par exemple --rank-by exposed_uncovered_population."),
        Entry("usage_exposure_radius", #"--exposure-radius: "(.*)" is not TYPE=DISTANCE; for example --exposure-radius "Battles=5km,Protests=1km,default=2km" \(0 leaves a type out\)"#,
              fr: "--exposure-radius : « $1 » n'est pas de la forme TYPE=DISTANCE ; par exemple --exposure-radius \"Battles=5km,Protests=1km,default=2km\" (0 écarte un type)"),
        Entry("usage_exposure_radius", #"--exposure-radius: "(.*)" has a distance that is not a number of km (.+); for example --exposure-radius "Battles=5km,Protests=1km,default=2km" \(0 leaves a type out\)"#,
              fr: "--exposure-radius : « $1 » a une distance qui n'est pas un nombre de km $2 ; par exemple --exposure-radius \"Battles=5km,Protests=1km,default=2km\" (0 écarte un type)"),

        // The time window and the filters
        Entry("usage_date", #"(\S+) '(.*)' is not a date gapmap reads: YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY or '5 March 2024', for example (\S+) 2024-01-31\."#,
              fr: "$1 '$2' n'est pas une date que gapmap lit : AAAA-MM-JJ, AAAA-MM, AAAA, JJ/MM/AAAA ou '5 mars 2024', par exemple $3 2024-01-31."),
        Entry("usage_date", #"--to (.+) is before --from (.+); give the window's first day to --from and its last to --to\."#,
              fr: "--to $1 précède --from $2 ; donnez le premier jour de la période à --from et le dernier à --to."),
        Entry("usage_date", #"--undated applies only with a time window; add --from and/or --to\."#,
              fr: "--undated ne s'applique qu'avec une période ; ajoutez --from et/ou --to."),
        Entry("usage_actor", #"--actor '(.*)' is not one of state, community, civil_society, international \(French names work too\)\."#,
              fr: "--actor '$1' n'est pas l'un de state, community, civil_society, international (les noms français sont aussi acceptés)."),
        Entry("usage_event_type", #"--event-type all keeps every type; give it alone, not with (.+)\."#,
              fr: "--event-type all garde tous les types ; donnez-le seul, sans $1."),
        Entry("usage_incident_weight", #"--incident-weight '(.*)' is not events, fatalities or TYPE=W pairs \('(.*)' is not TYPE=W with W a number ≥ 0\); for example --incident-weight fatalities or --incident-weight 'Battles=3,Violence against civilians=2'\.?"#,
              fr: "--incident-weight '$1' n'est ni events, ni fatalities, ni une liste de paires TYPE=P ('$2' n'est pas de la forme TYPE=P avec P un nombre ≥ 0) ; par exemple --incident-weight fatalities ou --incident-weight 'Battles=3,Violence against civilians=2'."),

        // Sharing
        Entry("usage_share", #"--min-count, --sensitive-kind, --keep-field, --share-cells and --share-displace apply to a shareable run: add --share, or leave them out\."#,
              fr: "--min-count, --sensitive-kind, --keep-field, --share-cells et --share-displace s'appliquent à une analyse partageable : ajoutez --share, ou retirez-les."),
        Entry("usage_share", #"--share-displace writes needs_displaced and incidents_displaced, which (.+) neither writes nor draws: run gapmap analyze --share --share-displace for the files, or gapmap map/report --share --share-displace to draw them\."#,
              fr: "--share-displace écrit needs_displaced et incidents_displaced, que $1 n'écrit ni ne dessine : lancez gapmap analyze --share --share-displace pour les fichiers, ou gapmap map/report --share --share-displace pour les dessiner."),
        Entry("usage_share", #"--sensitive-kind '(.*)' is empty: name an initiative kind as the initiatives' kind column spells it, e\.g\. --sensitive-kind informant_network\."#,
              fr: "--sensitive-kind '$1' est vide : nommez un type d'initiative tel que l'écrit la colonne kind des initiatives, par exemple --sensitive-kind informant_network."),
        Entry("usage_share", #"--share-cells (.+)"#, fr: "--share-cells $1"),
        Entry("usage_share", #"'(.*)' is not a cell shape gapmap knows: give hex:SIZE, the flat-to-flat width of a hexagon, e\.g\. hex:10km \(86\.6 km² a cell\) or hex:5000m\."#,
              fr: "'$1' n'est pas une forme de cellule que gapmap connaît : donnez hex:TAILLE, la largeur d'un hexagone entre côtés opposés, par exemple hex:10km (86,6 km² par cellule) ou hex:5000m."),
        Entry("usage_share", #"'(.*)': the size must be a number with its unit, km or m, e\.g\. hex:10km or hex:5000m\."#,
              fr: "'$1' : la taille doit être un nombre suivi de son unité, km ou m, par exemple hex:10km ou hex:5000m."),
        Entry("usage_share", #"'(.*)': a hexagon's width must be (.+) \(flat to flat\); e\.g\. hex:10km\."#,
              fr: "'$1' : la largeur d'un hexagone doit être $2 (entre côtés opposés) ; par exemple hex:10km."),
        Entry("usage_share", #"--share-displace needs (.+) \(GeoNames towns, to move urban points at most 2 km and rural ones at most 5 km\), which was not found from the current folder or gapmap's: run gapmap from the project folder, or rebuild the file with python3 geodata/urban/build\.py\."#,
              fr: "--share-displace a besoin de $1 (les villes de GeoNames, pour déplacer les points urbains d'au plus 2 km et les ruraux d'au plus 5 km), introuvable depuis le dossier courant comme depuis celui de gapmap : lancez gapmap depuis le dossier du projet, ou reconstruisez le fichier avec python3 geodata/urban/build.py."),
        Entry("usage_share", #"--keep-field (.+)"#, fr: "--keep-field $1"),
        Entry("usage_share", #"'(.*)' is a field of needs and incidents, which a shareable run publishes only as counts per unit and category: no row remains to keep it on\. Fields that can be kept: (.+) \(of initiatives\)\."#,
              fr: "'$1' est un champ des besoins et des incidents, qu'une analyse partageable ne publie qu'en effectifs par unité et catégorie : il ne reste aucune ligne où le garder. Champs qui peuvent être gardés : $2 (des initiatives)."),
        Entry("usage_share", #"'(.*)' is not a field a shareable run drops\. Fields that can be kept: (.+) \(of initiatives\)\."#,
              fr: "'$1' n'est pas un champ qu'une analyse partageable retire. Champs qui peuvent être gardés : $2 (des initiatives)."),
        Entry("usage_share", #"--share does not apply to the report's --compare section: run gapmap compare REGION\.\.\. --share for a shareable comparison, and the report with --share without --compare\."#,
              fr: "--share ne s'applique pas à la section --compare du rapport : lancez gapmap compare UNITÉ... --share pour une comparaison partageable, et le rapport avec --share sans --compare."),
        Entry("usage_share", #"A scenario cannot be made shareable: it publishes each region's uncovered needs and incidents before and after, and their changes; a count withheld in one state is recovered from the other state and the change \(before = after − change\), and suppressing both states together would withhold nearly every region that changes\. Keep the scenario inside the team \(its files say restricted\), and share one state: gapmap analyze --share for today, or gapmap analyze --share --include-planned for the planned state — not both, since their difference is the scenario\."#,
              fr: "Un scénario ne peut pas être rendu partageable : il publie les besoins et incidents non couverts de chaque unité avant et après, et leurs variations ; un effectif masqué dans un état se retrouve à partir de l'autre état et de la variation (avant = après − variation), et masquer les deux états ensemble masquerait presque toutes les unités qui changent. Gardez le scénario dans l'équipe (ses fichiers le disent restreint), et partagez un seul état : gapmap analyze --share pour aujourd'hui, ou gapmap analyze --share --include-planned pour l'état prévu — pas les deux, puisque leur différence est le scénario."),
        Entry("usage_share", #"Run (.+) of (.+) read layers that have changed since \((.+)\): its figures cannot be reproduced\. Run gapmap analyze (.+) --share for the layers as they are now\."#,
              fr: "L'analyse $1 de $2 a lu des couches qui ont changé depuis ($3) : ses chiffres ne peuvent pas être reproduits. Lancez gapmap analyze $4 --share pour les couches telles qu'elles sont maintenant."),
        Entry("usage_share", #"Run (.+) of (.+) gave no shareable figures: nothing was written\."#,
              fr: "L'analyse $1 de $2 n'a donné aucun chiffre partageable : rien n'a été écrit."),

        // The report, the scenario, the planner tools
        Entry("usage_report", #"--tiles '(.*)' is not a tile URL template: give an http\(s\) URL with \{z\}, \{x\} and \{y\}, e\.g\. https://tile\.openstreetmap\.org/\{z\}/\{x\}/\{y\}\.png"#,
              fr: "--tiles '$1' n'est pas un modèle d'URL de tuiles : donnez une URL http(s) avec {z}, {x} et {y}, par exemple https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
        Entry("usage_report", #"--pdf prints with headless Chromium, which is not installed: apt-get install chromium, or leave out --pdf \(report\.html prints from any browser\)\."#,
              fr: "--pdf imprime avec Chromium sans interface, qui n'est pas installé : installez le paquet chromium, ou retirez --pdf (report.html s'imprime depuis n'importe quel navigateur)."),
        Entry("usage_scenario", #"Choose one scenario: --scenario-planned or --scenario-plan FILE\."#,
              fr: "Choisissez un seul scénario : --scenario-planned ou --scenario-plan FICHIER."),
        Entry("usage_scenario", #"Choose one scenario: --include-planned \(the planned initiatives go ahead\) or --plan FILE \(a plan file\)\."#,
              fr: "Choisissez un seul scénario : --include-planned (les initiatives prévues se réalisent) ou --plan FICHIER (un fichier de plan)."),
        Entry("usage_missing", #"Name the regions to compare, for example: gapmap compare ML05 ML04\."#,
              fr: "Nommez les unités à comparer, par exemple : gapmap compare ML05 ML04."),
        Entry("usage_missing", #"Name at least one file to check, for example: gapmap validate needs\.csv"#,
              fr: "Nommez au moins un fichier à vérifier, par exemple : gapmap validate needs.csv"),
        Entry("usage_missing", #"Name at least one file to import, for example --needs needs\.csv\."#,
              fr: "Nommez au moins un fichier à importer, par exemple --needs needs.csv."),
        Entry("usage_suggest", #"--candidates grid needs --spacing KM, the distance between grid points, for example --spacing 10\."#,
              fr: "--candidates grid demande --spacing KM, la distance entre les points de la grille, par exemple --spacing 10."),
        Entry("usage_suggest", #"--spacing applies only with --candidates grid\."#, fr: "--spacing ne s'applique qu'avec --candidates grid."),
        Entry("usage_workspace", #"--check and --json go with --show ID, for example gapmap runs plan\.gpkg --show 1 --check\."#,
              fr: "--check et --json vont avec --show ID, par exemple gapmap runs plan.gpkg --show 1 --check."),
        Entry("usage_workspace", #"A workspace holds your own layers: --sample cannot be used with it\."#,
              fr: "Un espace de travail contient vos propres couches : --sample ne peut pas s'utiliser avec lui."),
        Entry("usage_workspace", #"With a workspace, the layers come from it: add files with gapmap import WORKSPACE --needs FILE \(and so on\), then run gapmap analyze WORKSPACE\."#,
              fr: "Avec un espace de travail, les couches viennent de lui : ajoutez des fichiers avec gapmap import ESPACE --needs FICHIER (et ainsi de suite), puis lancez gapmap analyze ESPACE."),
        Entry("usage_workspace", #"--rollup works on files, not yet on a workspace: run gapmap analyze with --regions and the layer files\."#,
              fr: "--rollup fonctionne sur des fichiers, pas encore sur un espace de travail : lancez gapmap analyze avec --regions et les fichiers des couches."),
    ]

    /// What swift-argument-parser says of a command line it cannot read.
    static let parserEntries: [Entry] = [
        Entry("usage_parser", #"Unknown option '(.+)'\. Did you mean '(.+)'\?"#, fr: "Option inconnue '$1'. Vouliez-vous dire '$2' ?"),
        Entry("usage_parser", #"Unknown option '(.+)'"#, fr: "Option inconnue '$1'"),
        Entry("usage_parser", #"Missing value for '(.+)'"#, fr: "Valeur manquante pour '$1'"),
        Entry("usage_parser", #"Missing expected argument '(.+)'"#, fr: "Argument attendu manquant : '$1'"),
        Entry("usage_parser", #"Missing one of: (.+)"#, fr: "Il manque l'un de : $1"),
        Entry("usage_parser", #"Missing required subcommand\."#, fr: "Sous-commande manquante."),
        Entry("usage_parser", #"Unexpected argument '(.+)'"#, fr: "Argument inattendu '$1'"),
        Entry("usage_parser", #"(\d+) unexpected arguments: (.+)"#, fr: "$1 arguments inattendus : $2"),
        Entry("usage_parser", #"The option '(.+)' does not take any value, but '(.*)' was specified\."#,
              fr: "L'option '$1' ne prend pas de valeur, mais '$2' a été donné."),
        Entry("usage_parser", #"The value '(.*)' is invalid for '(.+)'\. Please provide one of (.+)\."#,
              fr: "La valeur '$1' n'est pas valide pour '$2'. Donnez l'une de ces valeurs : $3."),
        Entry("usage_parser", #"The value '(.*)' is invalid for '(.+)'\. Please provide one of the following:\n(.+)"#,
              fr: "La valeur '$1' n'est pas valide pour '$2'. Donnez l'une de ces valeurs :\n$3"),
        Entry("usage_parser", #"The value '(.*)' is invalid for '([^']+)': (.+)"#, fr: "La valeur '$1' n'est pas valide pour '$2' : $3"),
        Entry("usage_parser", #"The value '(.*)' is invalid for '([^']+)'"#, fr: "La valeur '$1' n'est pas valide pour '$2'"),
        Entry("usage_parser", #"Invalid option: (.+)"#, fr: "Option non valide : $1"),
        Entry("usage_parser", #"(.+) and (.+) cannot be used together\."#, fr: "$1 et $2 ne peuvent pas s'utiliser ensemble."),
        Entry("usage_parser", #"Value to be set with flag (.+) had already been set with flag (.+)"#,
              fr: "La valeur donnée par le drapeau $1 l'avait déjà été par le drapeau $2"),
        // The lists of choices those sentences quote: "'en' and 'fr'", "'a', 'b' or 'c'"
        Entry("usage_parser", #"('[^']*') and ('[^']*')"#, fr: "$1 et $2"),
        Entry("usage_parser", #"((?:'[^']*', )+'[^']*') or ('[^']*')"#, fr: "$1 ou $2"),
    ]
}
