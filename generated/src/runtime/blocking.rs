//! The blocking client (cargo feature `blocking`): the async client driven by a runtime of its
//! own, for programs without one.
//!
//! It has the same resource tree, methods and request builders as [`crate::Client`]; a
//! builder finishes with a `send()` that blocks, and a paginated list is an `Iterator`.
//! Calling it from inside an async runtime is an error (`Error::Config`), never a panic: use
//! the async client there.

use std::future::Future;
use std::sync::Arc;

use futures_util::StreamExt;

use super::client::ClientBuilder;
use super::error::{Error, Result};
use super::pagination::PageStream;

/// A client whose calls block the calling thread until they are done. Cloning it is cheap
/// and shares its connections and runtime; it can be used from many threads at once.
#[derive(Clone)]
pub struct Client {
    inner: super::Client,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("blocking::Client")
            .field(&self.inner)
            .finish()
    }
}

impl Client {
    /// A blocking client making its calls through `client` (sharing its settings and
    /// connections).
    pub fn from_async(client: super::Client) -> Result<Self> {
        // One worker thread keeps connections alive between calls; callers' threads drive
        // their own calls.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("sdk-blocking")
            .enable_all()
            .build()
            .map_err(|e| {
                Error::Config(format!("cannot start the blocking client's runtime: {e}"))
            })?;
        Ok(Self {
            inner: client,
            runtime: Arc::new(runtime),
        })
    }

    /// The async client it drives.
    pub fn inner(&self) -> &super::Client {
        &self.inner
    }

    /// Runs `future` to completion on this client's runtime.
    pub(crate) fn block_on<T>(&self, future: impl Future<Output = Result<T>>) -> Result<T> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::Config(
                "a blocking call was made inside an async runtime, where it would stall it: use the async client there".to_string(),
            ));
        }
        self.runtime.block_on(future)
    }

    /// The items of `stream`, each fetched when the iterator asks.
    // Called by list methods alone: unused when the features compiled in have none.
    #[allow(dead_code)]
    pub(crate) fn items<T>(&self, stream: PageStream<T>) -> Items<T> {
        Items {
            client: self.clone(),
            stream,
        }
    }
}

impl ClientBuilder {
    /// Builds a [`blocking::Client`](Client).
    pub fn build_blocking(self) -> Result<Client> {
        Client::from_async(self.build()?)
    }
}

/// Every item of a paginated list, fetched page by page as the iterator advances; an error
/// is the last item.
pub struct Items<T> {
    client: Client,
    stream: PageStream<T>,
}

impl<T> std::fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items").finish_non_exhaustive()
    }
}

impl<T> Iterator for Items<T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        let stream = &mut self.stream;
        match self.client.block_on(async { Ok(stream.next().await) }) {
            Ok(item) => item,
            Err(e) => Some(Err(e)),
        }
    }
}
