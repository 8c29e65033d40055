//! The command line, built from the table: `<resource> <method> [flags]`, global flags, and
//! help at every level from the spec's own text.

use clap::{Arg, ArgAction, Command};

use super::table::{Api, Flag, Kind, Location, Method};

/// Exit codes, as `--help` lists them.
pub const EXIT_CODES: &str = "Exit codes:
  0  success
  1  an unexpected failure (e.g. a response that is not JSON)
  2  usage error (unknown flag, missing or invalid value, invalid --body)
  3  configuration error (no API key)
  4  the API answered 4xx
  5  the API answered 5xx
  6  the API could not be reached (connection failure or timeout)";

pub fn command(api: &Api) -> Command {
    let envs: Vec<&'static str> = api.environments.iter().map(|(n, _)| *n).collect();
    let key_help = match api.api_key_env {
        Some(var) => format!("The API key [default: ${var}; never echoed]"),
        None => "The API key (never echoed)".to_string(),
    };
    let mut root = Command::new(api.name)
        .about(api.about)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .after_help(EXIT_CODES)
        .arg(
            Arg::new("api-key")
                .long("api-key")
                .global(true)
                .help(key_help),
        )
        .arg(
            Arg::new("environment")
                .long("environment")
                .global(true)
                .value_parser(envs)
                .help("The environment to call"),
        )
        .arg(
            Arg::new("base-url")
                .long("base-url")
                .global(true)
                .help("A base URL to call instead of an environment's"),
        )
        .arg(
            Arg::new("max-retries")
                .long("max-retries")
                .global(true)
                .value_parser(clap::value_parser!(u32))
                .help("Retries of a failed request"),
        )
        .arg(
            Arg::new("timeout")
                .long("timeout")
                .global(true)
                .value_parser(clap::value_parser!(f64))
                .help("Seconds each attempt may take"),
        )
        .arg(
            Arg::new("format")
                .long("format")
                .global(true)
                .value_parser(["json", "pretty", "jsonl", "yaml"])
                .help("Output format [default: pretty on a terminal, else json]"),
        )
        .arg(
            Arg::new("debug")
                .long("debug")
                .global(true)
                .action(ArgAction::SetTrue)
                .help("Print each request and response line (no headers or bodies) on stderr"),
        );
    root = root.subcommand(
        Command::new("completion")
            .about("Prints a completion script for a shell")
            .arg(Arg::new("shell").required(true).value_parser([
                "bash",
                "zsh",
                "fish",
                "powershell",
            ])),
    );
    for r in api.resources {
        let mut rc = Command::new(r.name)
            .about(format!("Operations on `{}`", r.name))
            .subcommand_required(true)
            .arg_required_else_help(true);
        for m in r.methods {
            rc = rc.subcommand(method_command(m));
        }
        root = root.subcommand(rc);
    }
    root
}

fn method_command(m: &Method) -> Command {
    let long = if m.description.is_empty() {
        format!("{}\n\n{} {}", m.summary, m.http, m.path)
    } else {
        format!(
            "{}\n\n{}\n\n{} {}",
            m.summary, m.description, m.http, m.path
        )
    };
    let mut c = Command::new(m.name)
        .about(m.summary.to_string())
        .long_about(long)
        .after_help(EXIT_CODES);
    for f in m.flags {
        c = c.arg(flag_arg(f));
    }
    if m.body.is_some_and(|ct| !ct.starts_with("multipart/")) {
        c = c.arg(
            Arg::new("body")
                .long("body")
                .value_name("JSON|@FILE|-")
                .help("Body param: the JSON body, `@file.json`, or `-` for stdin; the flags' fields win"),
        );
    }
    if m.paging.is_some() {
        c = c
            .arg(
                Arg::new("all")
                    .long("all")
                    .action(ArgAction::SetTrue)
                    .help("Every item of every page, as JSON lines"),
            )
            .arg(
                Arg::new("max-items")
                    .long("max-items")
                    .value_parser(clap::value_parser!(u64))
                    .help("With --all: stop after this many items"),
            );
    }
    c
}

fn flag_arg(f: &Flag) -> Arg {
    let kind = match f.kind {
        Kind::String => "string",
        Kind::Integer => "integer",
        Kind::Number => "number",
        Kind::Boolean => "boolean",
        Kind::Enum(_) => "enum",
        Kind::Json => "JSON",
        Kind::File => "file path",
    };
    let need = if f.required { "required" } else { "optional" };
    let mut help = format!("{}: {} ({kind}, {need})", f.location.word(), f.help);
    if f.help.is_empty() {
        help = format!("{} ({kind}, {need})", f.location.word());
    }
    // Body fields may come from --body instead: checked after merging.
    let required = f.required && f.location != Location::Body;
    let arg = Arg::new(f.name).long(f.name).help(help).required(required);
    match f.kind {
        Kind::Enum(values) => arg.value_parser(values.to_vec()),
        Kind::Integer => arg.value_parser(clap::value_parser!(i64)),
        Kind::Number => arg.value_parser(clap::value_parser!(f64)),
        Kind::Boolean => arg.value_parser(clap::value_parser!(bool)),
        Kind::String | Kind::Json | Kind::File => arg,
    }
}
