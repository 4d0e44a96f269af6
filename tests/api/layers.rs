//! The layers of the code hold: each top-level module imports only the layers below
//! it (README, Layout), so no two modules import each other.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::Path,
};

/// Each top-level module with its layer; a module may import its own layer's
/// modules and every layer below.
const LAYERS: &[(&str, u8)] = &[
    ("domain", 0),
    ("error", 0),
    ("entity", 1),
    ("store", 2),
    ("db", 3),
    ("bus", 3),
    ("events", 3),
    ("auth", 4),
    ("editorial", 5),
    ("comments", 6),
    ("announce", 6),
    ("housekeeping", 6),
    ("media", 6),
    ("purge", 6),
    ("sync", 6),
    ("trusted_documents", 6),
    ("webhooks", 6),
    ("config", 7),
    ("presentation", 8),
    ("http", 8),
    ("state", 9),
    ("api", 10),
    ("progress", 11),
    ("telemetry", 11),
    ("seed", 11),
    // Renders webhook messages with the REST API's types.
    ("webhook_dispatch", 11),
    ("startup", 12),
    // The crate root's app builder.
    ("app", 12),
];

/// The top-level modules `source` names through `crate::`.
fn imports(source: &str) -> BTreeSet<String> {
    let code: String = source
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a::b, c}`: the names at the group's first level.
            let (mut depth, mut start) = (0, 0);
            for (i, ch) in group.char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        found.insert(first_name(&group[start..i]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.insert(first_name(&group[start..i]));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(first_name(rest));
        }
    }
    found.retain(|name| !name.is_empty() && name != "self");
    found
}

/// The first name of a path; constants and types of the crate root count as `app`,
/// the top of the crate.
fn first_name(path: &str) -> String {
    let name: String = path
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        "app".to_owned()
    } else {
        name
    }
}

fn visit(dir: &Path, top: Option<&str>, graph: &mut BTreeMap<String, BTreeSet<String>>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let module = top.map_or(name.clone(), str::to_owned);
        if path.is_dir() {
            visit(&path, Some(&module), graph);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            let mut names = imports(&source);
            names.remove(&module);
            graph.entry(module).or_default().extend(names);
        }
    }
}

#[test]
fn every_module_imports_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    visit(&src, None, &mut graph);
    let layer = |name: &str| LAYERS.iter().find(|(n, _)| *n == name).map(|(_, l)| *l);
    let mut upward = Vec::new();
    for (module, names) in &graph {
        let Some(own) = layer(module) else {
            // The crate root and the binary assemble everything.
            assert!(
                ["lib", "main"].contains(&module.as_str()),
                "{module} has no layer in LAYERS"
            );
            continue;
        };
        for name in names {
            match layer(name) {
                Some(theirs) if theirs <= own => {}
                _ => upward.push(format!("{module} imports {name}")),
            }
        }
    }
    assert!(upward.is_empty(), "imports upwards: {upward:#?}");
}

#[test]
fn imports_are_read_from_groups_and_paths() {
    let names = imports("use crate::{a::{b, c}, d};\nfn f() { crate::e::g(); } // crate::h\n");
    assert_eq!(
        names,
        ["a", "d", "e"].map(String::from).into_iter().collect()
    );
}
