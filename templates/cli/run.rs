//! Running a command: parse the arguments, configure the SDK's client, send, print.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use clap::ArgMatches;
use serde_json::Value;

use super::failure::Failure;
use super::table::{Api, Method};

/// Runs the command line `std::env::args()` against `api`.
pub fn main(api: &Api, builder: fn() -> crate::sdk::ClientBuilder) -> ExitCode {
    let matches = match super::app::command(api).try_get_matches() {
        Ok(m) => m,
        // Help and version go to stdout with 0; usage errors to stderr with 2.
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(api, builder, &matches) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("error: {}", f.message());
            f.exit_code()
        }
    }
}

fn run(
    api: &Api,
    builder: fn() -> crate::sdk::ClientBuilder,
    matches: &ArgMatches,
) -> Result<(), Failure> {
    let Some((resource, sub)) = matches.subcommand() else {
        return Err(Failure::Usage("no command".to_string()));
    };
    if resource == "completion" {
        let shell = match sub.get_one::<String>("shell").map(String::as_str) {
            Some("bash") => clap_complete::Shell::Bash,
            Some("zsh") => clap_complete::Shell::Zsh,
            Some("fish") => clap_complete::Shell::Fish,
            _ => clap_complete::Shell::PowerShell,
        };
        let mut command = super::app::command(api);
        // Into memory first: writing straight to a closed pipe would panic inside clap_complete.
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut command, api.name, &mut script);
        return std::io::stdout()
            .lock()
            .write_all(&script)
            .map_err(|e| Failure::Other(format!("cannot write the output: {e}")));
    }
    let Some((method_name, args)) = sub.subcommand() else {
        return Err(Failure::Usage(format!("no method for `{resource}`")));
    };
    let method = api
        .resources
        .iter()
        .find(|r| r.name == resource)
        .and_then(|r| r.methods.iter().find(|m| m.name == method_name))
        .ok_or_else(|| Failure::Usage(format!("unknown command `{resource} {method_name}`")))?;
    let client = client(api, builder, args)?;
    let options = crate::sdk::RequestOptions {
        timeout: args
            .get_one::<f64>("timeout")
            .map(|s| Duration::from_secs_f64(*s)),
        max_retries: args.get_one::<u32>("max-retries").copied(),
        ..Default::default()
    };
    let format = args
        .get_one::<String>("format")
        .cloned()
        .unwrap_or_else(|| {
            if std::io::stdout().is_terminal() {
                "pretty".into()
            } else {
                "json".into()
            }
        });
    let debug = args.get_flag("debug");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Other(format!("cannot start the runtime: {e}")))?;
    let all =
        method.paging.is_some() && args.try_get_one::<bool>("all").ok().flatten() == Some(&true);
    runtime.block_on(async {
        if all {
            every_item(&client, method, args, options, debug).await
        } else {
            let request = super::call::request(method, args, options)?;
            if method.raw_output {
                let bytes = send_raw(&client, method, request, debug).await?;
                let mut out = std::io::stdout().lock();
                return out
                    .write_all(&bytes)
                    .map_err(|e| Failure::Other(format!("cannot write the output: {e}")));
            }
            let value = send(&client, method, request, debug).await?;
            print(&value, &format)
        }
    })
}

fn client(
    api: &Api,
    builder: fn() -> crate::sdk::ClientBuilder,
    args: &ArgMatches,
) -> Result<crate::sdk::Client, Failure> {
    let mut b = builder();
    if let Some(key) = args.get_one::<String>("api-key") {
        b = b.api_key(key.clone());
    }
    if let Some(env) = args.get_one::<String>("environment")
        && let Some((_, url)) = api.environments.iter().find(|(n, _)| n == env)
    {
        b = b.base_url(url.to_string());
    }
    if let Some(url) = args.get_one::<String>("base-url") {
        b = b.base_url(url.clone());
    }
    b.build().map_err(|e| match (&e, api.api_key_env) {
        (crate::sdk::Error::Config(m), Some(var)) if m.starts_with("no API key") => {
            Failure::Config(format!("no API key: set {var} or pass --api-key"))
        }
        _ => Failure::from_sdk(e),
    })
}

async fn send(
    client: &crate::sdk::Client,
    method: &Method,
    request: crate::sdk::Request,
    debug: bool,
) -> Result<Value, Failure> {
    let bytes = send_raw(client, method, request, debug).await?;
    if bytes.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_slice(&bytes)
        .map_err(|e| Failure::Other(format!("the response is not JSON: {e}")))
}

/// Sends the request and returns the success body as it came.
async fn send_raw(
    client: &crate::sdk::Client,
    method: &Method,
    request: crate::sdk::Request,
    debug: bool,
) -> Result<Vec<u8>, Failure> {
    if debug {
        eprintln!("> {} {} ({})", method.http, method.path, method.operation);
    }
    let result = client.execute(request).await;
    if debug {
        match &result {
            Ok((_, raw)) => eprintln!("< {} (request id {:?})", raw.status(), raw.request_id()),
            Err(e) => eprintln!("< {e}"),
        }
    }
    let (bytes, _) = result.map_err(Failure::from_sdk)?;
    Ok(bytes.to_vec())
}

/// `--all`: every item of every page as a JSON line, until a page is empty, the last page
/// the response reports, or `--max-items`.
async fn every_item(
    client: &crate::sdk::Client,
    method: &Method,
    args: &ArgMatches,
    options: crate::sdk::RequestOptions,
    debug: bool,
) -> Result<(), Failure> {
    let Some(paging) = &method.paging else {
        return Ok(());
    };
    let max = args.try_get_one::<u64>("max-items").ok().flatten().copied();
    let mut page = paging.first;
    let mut printed = 0u64;
    loop {
        let mut request = super::call::request(method, args, options.clone())?;
        request.query(paging.page_param, &page);
        let value = send(client, method, request, debug).await?;
        let items = value
            .pointer(paging.items)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if items.is_empty() {
            return Ok(());
        }
        for item in items {
            print(&item, "json")?;
            printed += 1;
            if max.is_some_and(|m| printed >= m) {
                return Ok(());
            }
        }
        let total = paging
            .total_pages
            .and_then(|p| value.pointer(p))
            .and_then(Value::as_u64);
        if total.is_some_and(|t| page >= t) {
            return Ok(());
        }
        page += 1;
    }
}

fn print(value: &Value, format: &str) -> Result<(), Failure> {
    let text = match format {
        "pretty" => serde_json::to_string_pretty(value),
        "yaml" => Ok(super::yaml::to_yaml(value).trim_end().to_string()),
        _ => serde_json::to_string(value),
    }
    .map_err(|e| Failure::Other(e.to_string()))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").map_err(|e| Failure::Other(format!("cannot write the output: {e}")))
}
