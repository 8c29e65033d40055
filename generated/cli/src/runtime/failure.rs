//! Why a command failed, and its exit code.

use std::process::ExitCode;

/// A command's failure: printed on stderr, with a distinct exit code per kind.
pub enum Failure {
    /// 2: a flag or `--body` is wrong.
    Usage(String),
    /// 3: the client cannot be configured (no API key).
    Config(String),
    /// 4 or 5: the API answered with an error status.
    Api { status: u16, line: String },
    /// 6: the API could not be reached.
    Network(String),
    /// 1: anything else.
    Other(String),
}

impl Failure {
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(match self {
            Failure::Usage(_) => 2,
            Failure::Config(_) => 3,
            Failure::Api { status, .. } if *status >= 500 => 5,
            Failure::Api { .. } => 4,
            Failure::Network(_) => 6,
            Failure::Other(_) => 1,
        })
    }

    pub fn message(&self) -> String {
        match self {
            Failure::Usage(m) | Failure::Config(m) | Failure::Network(m) | Failure::Other(m) => {
                m.clone()
            }
            Failure::Api { line, .. } => line.clone(),
        }
    }

    /// The CLI's view of an SDK error: the status, the API's message and the request id.
    pub fn from_sdk(e: crate::sdk::Error) -> Self {
        match &e {
            crate::sdk::Error::Api(api) => {
                let status = api.status.as_u16();
                let message = api.message().unwrap_or_else(|| "no message".to_string());
                let id = api
                    .request_id()
                    .map(|id| format!(" (request id {id})"))
                    .unwrap_or_default();
                Failure::Api {
                    status,
                    line: format!("HTTP {status}{id}: {message}"),
                }
            }
            crate::sdk::Error::Timeout { .. } | crate::sdk::Error::Connection { .. } => {
                Failure::Network(e.to_string())
            }
            crate::sdk::Error::Config(m) => Failure::Config(m.clone()),
            crate::sdk::Error::InvalidRequest { .. } => Failure::Usage(e.to_string()),
            _ => Failure::Other(e.to_string()),
        }
    }
}
