//! The app's modules import each other in no cycle, directly or through others, and the
//! state imports nothing but itself: `src/` flows one way (`src/lib.rs`).
//!
//! Reads every `src/**/*.rs` (but `main.rs`, the binary) and takes each path that names one
//! of the app's modules — in a `use` (`crate::…`, `super::…`, `self::…`, or a child module by
//! its name) or written out in the code (`crate::a::f()`) — as an edge from the module that
//! writes it to the module it names. Comments, strings and `mod` declarations are not
//! imports; paths inside an inline module (`mod tests { use super::*; }`) are read from
//! there.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module's path below the crate root, e.g. `["ui", "screens", "send"]`; empty for the
/// root.
type Module = Vec<String>;

/// The module a file under `src/` holds: `lib.rs` the root, `a/mod.rs` and `a.rs` module `a`.
fn module_of(file: &str) -> Module {
    let file = file.trim_end_matches(".rs");
    let mut parts: Module = file.split('/').map(str::to_owned).collect();
    if matches!(parts.last().map(String::as_str), Some("lib" | "mod")) {
        parts.pop();
    }
    parts
}

/// `source` with comments, string and character literals blanked out (lines kept).
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && raw_string(&chars, i) {
            // r"…" or r#"…"#: up to the closing quote and as many hashes.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            j += 1;
            while j < chars.len() {
                if chars[j] == '"' && (1..=hashes).all(|h| chars.get(j + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                blank(&mut out, chars[j]);
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if let Some(&c) = chars.get(i) {
                    blank(&mut out, c);
                }
                i += 1;
            }
            out.push_str("\"\"");
            i += 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal ('a', '\n', '\u{7f}'); a lifetime ('a) is code.
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            out.push_str("' '");
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether a raw string literal starts at `i` (an `r` not ending an identifier).
fn raw_string(chars: &[char], i: usize) -> bool {
    let after_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    let mut j = i + 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    !after_ident && chars.get(j) == Some(&'"')
}

/// The paths of a `use` tree, e.g. `crate::a::{b, c::{self, D}}` → `crate::a::b`,
/// `crate::a::c`, `crate::a::c::D`.
fn use_paths(tree: &str) -> Vec<Vec<String>> {
    fn expand(prefix: &[String], tree: &str, out: &mut Vec<Vec<String>>) {
        let tree = tree.trim();
        // Split off a `{…}` group at the end, if any.
        let (head, group) = match tree.find('{') {
            Some(open) if tree.ends_with('}') => {
                (&tree[..open], Some(&tree[open + 1..tree.len() - 1]))
            }
            _ => (tree, None),
        };
        let head = head.split(" as ").next().unwrap_or("");
        let mut path = prefix.to_vec();
        path.extend(
            head.split("::")
                .map(str::trim)
                .filter(|s| !s.is_empty() && *s != "*")
                .map(str::to_owned),
        );
        let Some(group) = group else {
            out.push(path);
            return;
        };
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&path, &group[start..i], out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&path, &group[start..], out);
    }
    let mut out = Vec::new();
    expand(&[], tree, &mut out);
    out.into_iter()
        .map(|p| p.into_iter().filter(|s| s != "self").collect())
        .filter(|p: &Vec<String>| !p.is_empty())
        .collect()
}

/// The modules that `files` (path under `src/` → source) import, by module.
fn imports(files: &BTreeMap<String, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    let modules: BTreeSet<Module> = files.keys().map(|f| module_of(f)).collect();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (file, source) in files {
        let module = module_of(file);
        let code = code_only(source);
        let inline = inline_modules(&code);
        // The module a path at `at` is written in: the file's, or an inline one in it.
        let scope_of = |at: usize| {
            let mut scope = module.clone();
            scope.extend(
                inline
                    .iter()
                    .filter(|(open, close, _)| *open < at && at < *close)
                    .map(|(_, _, name)| name.clone()),
            );
            scope
        };
        let mut paths: Vec<(usize, Vec<String>, bool)> = Vec::new();
        for (at, _) in code.match_indices("use ") {
            if code[..at].chars().next_back().is_some_and(is_ident) {
                continue;
            }
            let Some(end) = code[at..].find(';') else {
                continue;
            };
            for path in use_paths(&code[at + 4..at + end]) {
                paths.push((at, path, true));
            }
        }
        for start in ["crate::", "super::", "self::"] {
            for (at, _) in code.match_indices(start) {
                let before = code[..at].chars().next_back();
                if before.is_some_and(|c| is_ident(c) || c == ':') {
                    continue;
                }
                let path: Vec<String> = code[at..]
                    .split(|c: char| !c.is_alphanumeric() && c != '_' && c != ':')
                    .next()
                    .unwrap_or("")
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                // `crate::{…}` or `super::*` (in a `use`, read above) name no module here.
                if path.len() > 1 {
                    paths.push((at, path, false));
                }
            }
        }
        for (at, path, in_use) in paths {
            let scope = scope_of(at);
            let mut absolute: Module = match path.first().map(String::as_str) {
                Some("crate") => Vec::new(),
                Some("self") => scope.clone(),
                Some("super") => {
                    let mut up = scope.clone();
                    let supers = path.iter().take_while(|s| *s == "super").count();
                    for _ in 0..supers {
                        up.pop();
                    }
                    up.extend(path.iter().skip(supers).cloned());
                    absolute_target(&modules, &module, up, &mut edges);
                    continue;
                }
                // A `use` of a child module by its name; anything else is another crate.
                Some(first) if in_use && modules.contains(&child(&scope, first)) => scope.clone(),
                _ => continue,
            };
            absolute.extend(
                path.iter()
                    .skip(usize::from(matches!(path[0].as_str(), "crate" | "self")))
                    .cloned(),
            );
            absolute_target(&modules, &module, absolute, &mut edges);
        }
    }
    edges
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The inline modules of `code` (`mod name { … }`), in order: where each opens and closes,
/// and its name.
fn inline_modules(code: &str) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    for (at, _) in code.match_indices("mod ") {
        if code[..at].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let rest = code[at + 4..].trim_start();
        let name: String = rest.chars().take_while(|c| is_ident(*c)).collect();
        let after = rest[name.len()..].trim_start();
        if name.is_empty() || !after.starts_with('{') {
            continue;
        }
        let open = code.len() - after.len();
        let mut depth = 0;
        let mut close = code.len();
        for (i, c) in code[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        found.push((open, close, name));
    }
    found
}

fn child(scope: &[String], name: &str) -> Module {
    let mut child = scope.to_vec();
    child.push(name.to_owned());
    child
}

/// Records an edge from `from` to the module `path` names (its longest prefix that is a
/// module), unless that is `from` itself.
fn absolute_target(
    modules: &BTreeSet<Module>,
    from: &Module,
    mut path: Module,
    edges: &mut BTreeMap<Module, BTreeSet<Module>>,
) {
    while !modules.contains(&path) {
        path.pop();
    }
    if path != *from {
        edges.entry(from.clone()).or_default().insert(path);
    }
}

fn name(module: &Module) -> String {
    if module.is_empty() {
        "crate".to_owned()
    } else {
        module.join("::")
    }
}

/// A cycle among the imports, as the modules around it (`a → b → a`), if there is one.
fn cycle(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<String>> {
    fn visit(
        module: &Module,
        edges: &BTreeMap<Module, BTreeSet<Module>>,
        path: &mut Vec<Module>,
        done: &mut BTreeSet<Module>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| m == module) {
            let mut around: Vec<String> = path[start..].iter().map(name).collect();
            around.push(name(module));
            return Some(around);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.clone());
        for next in edges.get(module).into_iter().flatten() {
            if let Some(found) = visit(next, edges, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(module.clone());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|m| visit(m, edges, &mut Vec::new(), &mut done))
}

/// Every `.rs` file under `dir`, by its path below `root`.
fn read_tree(root: &Path, dir: &Path, files: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_tree(root, &path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(relative, std::fs::read_to_string(&path).unwrap());
        }
    }
}

fn app_sources() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    read_tree(&src, &src, &mut files);
    files.remove("main.rs");
    files
}

fn sources(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(f, s)| ((*f).to_owned(), (*s).to_owned()))
        .collect()
}

#[test]
fn the_apps_modules_import_each_other_in_no_cycle() {
    let files = app_sources();
    assert!(files.len() > 20, "only {} files read", files.len());
    let edges = imports(&files);
    // The reading sees the app's real imports.
    let outbox = module_of("outbox.rs");
    for imported in ["inbox.rs", "state/mod.rs", "drafts.rs", "envelope.rs"] {
        assert!(edges[&outbox].contains(&module_of(imported)), "{imported}");
    }
    if let Some(around) = cycle(&edges) {
        panic!(
            "the app's modules import each other: {}",
            around.join(" → ")
        );
    }
}

#[test]
fn the_state_imports_nothing_but_itself() {
    let edges = imports(&app_sources());
    for (module, imported) in &edges {
        if module.first().map(String::as_str) == Some("state") {
            for target in imported {
                assert_eq!(
                    target.first().map(String::as_str),
                    Some("state"),
                    "{} imports {}",
                    name(module),
                    name(target)
                );
            }
        }
    }
}

#[test]
fn a_cycle_through_other_modules_is_found() {
    let files = sources(&[
        ("lib.rs", "mod a;\nmod b;\nmod c;\n"),
        ("a.rs", "use crate::b::{self, B};\n"),
        ("b/mod.rs", "mod inner;\npub use inner::B;\n"),
        (
            "b/inner.rs",
            "pub struct B;\nfn f() { super::super::c::g() }\n",
        ),
        ("c.rs", "pub fn g() { let _ = crate::a::A; }\n"),
    ]);
    let around = cycle(&imports(&files)).expect("a cycle");
    assert_eq!(around, ["a", "b", "b::inner", "c", "a"]);
}

#[test]
fn two_modules_importing_each_other_are_a_cycle() {
    let files = sources(&[
        ("lib.rs", "mod a;\nmod b;\n"),
        ("a.rs", "use crate::{b::B, c};\n"),
        ("b.rs", "use crate::a;\npub struct B;\n"),
    ]);
    assert_eq!(cycle(&imports(&files)).expect("a cycle"), ["a", "b", "a"]);
}

#[test]
fn comments_strings_declarations_and_test_modules_are_not_imports() {
    let files = sources(&[
        ("lib.rs", "mod a;\nmod b;\n"),
        ("a.rs", "use crate::b;\n/// Uses [`crate::a`].\nfn f() {}\n"),
        (
            "b.rs",
            "// crate::a::f\n/* use crate::a; */\nconst S: &str = \"crate::a::f\";\nconst C: char = '\"';\nfn g<'a>(x: &'a str) {}\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n",
        ),
    ]);
    let edges = imports(&files);
    assert_eq!(cycle(&edges), None);
    assert_eq!(edges.get(&module_of("b.rs")), None);
}
