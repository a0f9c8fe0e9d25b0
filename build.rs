//! Converts the default TOML pack to JSON for the WebAssembly build, which parses JSON instead of
//! TOML (a TOML parser would add some 100 KB to the module). Native builds read the TOML directly.

use std::path::Path;

fn main() {
    let dir = Path::new("src/packs/politie-gent");
    println!("cargo:rerun-if-changed=src/packs/politie-gent");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("politie-gent");
    std::fs::create_dir_all(&out).expect("create OUT_DIR/politie-gent");
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("read the pack folder").flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let source = std::fs::read_to_string(&path).expect("read a pack file");
        // A syntax error is reported by the native build's tests with file and line; here it
        // only needs to stop the build.
        let value: toml::Value = toml::from_str(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json = serde_json::to_string(&value).expect("pack as JSON");
        let name = path.with_extension("json");
        let name = name.file_name().expect("file name");
        std::fs::write(out.join(name), json).expect("write the JSON pack");
    }
}
