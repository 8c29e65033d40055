//! Streams over every item of a paginated list.

use std::collections::VecDeque;
use std::future::Future;

use futures_core::Stream;

use super::error::Result;

/// Fetches pages `first`, `first + 1`, ... with `fetch` (which returns a page's items) and
/// yields their items one by one, stopping after the first empty page or the first error.
pub fn page_number_stream<T, F, Fut>(first: u64, fetch: F) -> impl Stream<Item = Result<T>> + Send
where
    T: Send,
    F: FnMut(u64) -> Fut + Send,
    Fut: Future<Output = Result<Vec<T>>> + Send,
{
    struct State<T, F> {
        next_page: u64,
        buffer: VecDeque<T>,
        done: bool,
        fetch: F,
    }
    let state = State { next_page: first, buffer: VecDeque::new(), done: false, fetch };
    futures_util::stream::unfold(state, |mut st| async move {
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
    })
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
}
