//! Streams over every item of a paginated list.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;

use futures_core::Stream;

use super::error::Result;

/// Every item of a paginated list, fetched page by page as the stream is polled.
///
/// It is `Unpin`, so `futures::StreamExt::next` and `TryStreamExt::try_next` work on it
/// directly, and it can be stored in a struct by name.
pub type PageStream<T> = Pin<Box<dyn Stream<Item = Result<T>> + Send + 'static>>;

/// Fetches pages `first`, `first + 1`, ... with `fetch` (which returns a page's items) and
/// yields their items one by one, stopping after the first empty page or the first error.
pub fn page_number_stream<T, F, Fut>(first: u64, fetch: F) -> PageStream<T>
where
    T: Send + 'static,
    F: FnMut(u64) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Vec<T>>> + Send,
{
    struct State<T, F> {
        next_page: u64,
        buffer: VecDeque<T>,
        done: bool,
        fetch: F,
    }
    let state = State {
        next_page: first,
        buffer: VecDeque::new(),
        done: false,
        fetch,
    };
    Box::pin(futures_util::stream::unfold(state, |mut st| async move {
        loop {
            if let Some(item) = st.buffer.pop_front() {
                return Some((Ok(item), st));
            }
            if st.done {
                return None;
            }
            let page = st.next_page;
            match (st.fetch)(page).await {
                Ok(items) if items.is_empty() => return None,
                Ok(items) => {
                    st.buffer.extend(items);
                    st.next_page = page + 1;
                }
                Err(e) => {
                    st.done = true;
                    return Some((Err(e), st));
                }
            }
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;

    #[tokio::test]
    async fn yields_items_until_an_empty_page() {
        let pages = [vec![1, 2], vec![3], vec![]];
        let stream = page_number_stream(1, move |page| {
            let items = pages.get(page as usize - 1).cloned().unwrap_or_default();
            async move { Ok(items) }
        });
        let items: Vec<i32> = stream.map(|r| r.unwrap()).collect().await;
        assert_eq!(items, vec![1, 2, 3]);
    }

    #[tokio::test]
    async fn stops_after_an_error() {
        let mut stream = page_number_stream(1, |page| async move {
            if page == 1 {
                Ok(vec![1])
            } else {
                Err(crate::runtime::Error::Config("boom".to_string()))
            }
        });
        assert_eq!(stream.next().await.map(|r| r.ok()), Some(Some(1)));
        assert!(matches!(stream.next().await, Some(Err(_))));
        assert!(stream.next().await.is_none());
    }

    #[tokio::test]
    async fn is_unpin_and_nameable() {
        fn assert_unpin<S: Unpin>(_: &S) {}
        let stream: PageStream<u8> = page_number_stream(1, |_| async { Ok(Vec::new()) });
        assert_unpin(&stream);
    }
}
