//! Emission: IR -> the files of the generated crate.

mod client;
mod krate;
mod resources;
pub mod rust;
mod samples;
mod tests;
mod types;

use std::collections::BTreeMap;

use crate::ir::Api;
use crate::runtime_files::RUNTIME_FILES;
use rust::format_file;

/// Relative path -> file contents.
pub type Files = BTreeMap<String, String>;

pub fn emit(api: &Api) -> Result<Files, String> {
    let mut files = Files::new();
    files.insert("Cargo.toml".to_string(), krate::cargo_toml(api));
    files.insert("src/lib.rs".to_string(), format_file(krate::lib_file(api))?);
    files.insert("src/client.rs".to_string(), format_file(client::client_file(api))?);
    for (name, text) in RUNTIME_FILES {
        files.insert(format!("src/runtime/{name}"), text.to_string());
    }
    files.insert("src/types/mod.rs".to_string(), format_file(krate::types_mod(api))?);
    for def in api.types.values() {
        let path = format!("src/types/{}.rs", types::module_name(&def.name));
        let text = format_file(types::type_file(def)).map_err(|e| format!("{}: {e}", def.name))?;
        files.insert(path, text);
    }
    files.insert("src/resources/mod.rs".to_string(), format_file(krate::resources_mod(&api.resources))?);
    for root in &api.resources {
        for r in root.walk() {
            let path = format!("src/resources/{}.rs", r.path.join("/"));
            let text = format_file(resources::resource_file(api, r)).map_err(|e| format!("{}: {e}", r.path.join(".")))?;
            files.insert(path, text);
        }
    }
    files.extend(tests::test_files(api, format_file)?);
    Ok(files)
}
