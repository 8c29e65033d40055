//! Emission: IR -> the files of the generated crate.

mod blocking;
mod blocks;
mod builder_text;
mod builders;
mod calls;
mod cli;
mod client;
mod constructors;
mod debug_text;
mod describe;
mod deserialize;
mod enum_text;
mod enums;
mod examples;
mod features;
pub use features::example_sections;
mod guide;
#[cfg(test)]
mod impl_text_tests;
mod krate;
mod method_text;
mod reference;
mod request_parts;
mod resources;
pub mod rust;
mod samples;
mod serialize;
mod setter_text;
mod struct_def;
mod tests;
mod text;
mod text_expr;
mod text_list;
mod types;

use std::collections::BTreeMap;

use crate::ir::Api;
use crate::runtime_files::RUNTIME_FILES;
use rust::format_file;

/// Relative path -> file contents.
pub type Files = BTreeMap<String, String>;

/// One file to produce: its path and how to render it.
type Job<'a> = Box<dyn Fn() -> Result<Option<(String, String)>, String> + Send + Sync + 'a>;

/// Emits and formats every file, spreading the work over the machine's cores.
pub fn emit(api: &Api) -> Result<Files, String> {
    let mut jobs: Vec<Job<'_>> = Vec::new();
    jobs.push(Box::new(|| {
        Ok(Some(("Cargo.toml".to_string(), krate::cargo_toml(api))))
    }));
    jobs.push(Box::new(|| {
        Ok(Some(("README.md".to_string(), guide::readme(api))))
    }));
    jobs.push(Box::new(|| {
        Ok(Some(("api.md".to_string(), reference::reference(api))))
    }));
    jobs.push(Box::new(|| {
        Ok(Some(("cli/Cargo.toml".to_string(), cli::cargo_toml(api))))
    }));
    jobs.push(Box::new(|| {
        Ok(Some((
            "cli/src/main.rs".to_string(),
            format_file(cli::main_rs(api))?,
        )))
    }));
    jobs.push(Box::new(|| {
        Ok(Some((
            "cli/src/commands.rs".to_string(),
            cli::commands_rs(api)?,
        )))
    }));
    jobs.push(Box::new(|| match cli::tests_rs(api) {
        Some(t) => Ok(Some(("cli/tests/commands.rs".to_string(), format_file(t)?))),
        None => Ok(None),
    }));
    jobs.push(Box::new(|| {
        Ok(Some((
            "src/lib.rs".to_string(),
            format_file(krate::lib_file(api))?,
        )))
    }));
    jobs.push(Box::new(|| {
        Ok(Some((
            "src/client.rs".to_string(),
            format_file(client::client_file(api))?,
        )))
    }));
    jobs.push(Box::new(|| {
        Ok(Some((
            "src/types/mod.rs".to_string(),
            format_file(krate::types_mod(api))?,
        )))
    }));
    jobs.push(Box::new(|| {
        Ok(Some((
            "src/resources/mod.rs".to_string(),
            format_file(krate::resources_mod(&api.resources))?,
        )))
    }));
    jobs.push(Box::new(|| match tests::test_main(api) {
        Some(t) => Ok(Some((
            "tests/api_resources/main.rs".to_string(),
            format_file(t)?,
        ))),
        None => Ok(None),
    }));
    for (module, (root, children)) in types::modules(api)? {
        jobs.push(Box::new(move || {
            let path = format!("src/types/{module}.rs");
            let text = types::module_file(api, root, &children)
                .and_then(format_file)
                .map_err(|e| format!("{}: {e}", root.name))?;
            Ok(Some((path, text)))
        }));
    }
    for root in &api.resources {
        for r in root.walk() {
            jobs.push(Box::new(move || {
                let path = format!("src/resources/{}.rs", r.path.join("/"));
                let text = resources::resource_file(api, r)
                    .and_then(format_file)
                    .map_err(|e| format!("{}: {e}", r.path.join(".")))?;
                Ok(Some((path, text)))
            }));
            jobs.push(Box::new(move || match tests::resource_test_file(api, r) {
                Some((path, t)) => Ok(Some((path, format_file(t)?))),
                None => Ok(None),
            }));
        }
    }

    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let next = &std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<Vec<(String, String)>, String>> = std::thread::scope(|scope| {
        let jobs = &jobs;
        // Each thread takes the next job not yet taken: the few large files (api.md, the
        // command table) do not leave the other threads idle.
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        blocks::forget();
                        if let Some(file) = job()? {
                            blocks::marker_free(&file.0, &file.1)?;
                            out.push(file);
                        }
                    }
                    Ok(out)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a code emission thread panicked".to_string()))
            })
            .collect()
    });
    let mut files = Files::new();
    for result in results {
        for (path, text) in result? {
            if files.insert(path.clone(), text).is_some() {
                return Err(format!(
                    "two generated files would have the same path `{path}`"
                ));
            }
        }
    }
    for (name, text) in RUNTIME_FILES {
        files.insert(format!("src/runtime/{name}"), text.to_string());
    }
    for (name, text) in cli::CLI_FILES {
        files.insert(format!("cli/src/runtime/{name}"), text.to_string());
    }
    Ok(files)
}
