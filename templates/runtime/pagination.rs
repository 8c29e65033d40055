//! Paginated lists: pages with `has_next_page` and `next_page`, a stream of pages, and a
//! stream of every item.

use std::future::Future;
use std::pin::Pin;

use futures_core::Stream;

use super::error::Result;

/// Every item of a paginated list, fetched page by page as the stream is polled.
///
/// It is `Unpin`, so `futures::StreamExt::next` and `TryStreamExt::try_next` work on it
/// directly, and it can be stored in a struct by name.
pub type PageStream<T> = Pin<Box<dyn Stream<Item = Result<T>> + Send + 'static>>;

/// A list request that can ask for a given page: implemented by the SDK's paginated request
/// builders, so that a [`Page`] can fetch the next one.
pub trait PagedRequest: Clone + Send + Sync + 'static {
    /// The response of one page.
    type Response: Send + 'static;
    /// One item of a page.
    type Item: Send + 'static;
    /// This request, for page `number`.
    fn at_page(self, number: u64) -> Self;
    /// The future of one page's response (the SDK's builders: their `ResponseFuture`).
    type Fetch: Future<Output = Result<Self::Response>> + Send + 'static;
    /// Sends it.
    fn fetch(self) -> Self::Fetch;
    /// The items of a page.
    fn items(response: &Self::Response) -> &[Self::Item];
    /// The items of a page, owned.
    fn into_items(response: Self::Response) -> Vec<Self::Item>;
    /// How many pages there are, when the response says (e.g. `meta.total_pages`).
    fn total_pages(_response: &Self::Response) -> Option<u64> {
        None
    }
}

/// One page of a list: its response, its number, and what it takes to fetch the next.
pub struct Page<Q: PagedRequest> {
    request: Q,
    number: u64,
    response: Q::Response,
}

impl<Q: PagedRequest> std::fmt::Debug for Page<Q>
where
    Q::Response: std::fmt::Debug,
{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Page")
            .field("number", &self.number)
            .field("response", &self.response)
            .finish()
    }
}

impl<Q: PagedRequest> Page<Q> {
    /// Fetches page `number` of `request`.
    pub async fn fetch(request: Q, number: u64) -> Result<Self> {
        let request = request.at_page(number);
        let response = request.clone().fetch().await?;
        Ok(Page {
            request,
            number,
            response,
        })
    }

    /// The page's number.
    pub fn number(&self) -> u64 {
        self.number
    }

    /// The page's response, as the API sent it.
    pub fn response(&self) -> &Q::Response {
        &self.response
    }

    /// The page's response, owned.
    pub fn into_response(self) -> Q::Response {
        self.response
    }

    /// The page's items.
    pub fn items(&self) -> &[Q::Item] {
        Q::items(&self.response)
    }

    /// Whether there is a page after this one: this one has items and, when the response
    /// says how many pages there are, it is not the last.
    pub fn has_next_page(&self) -> bool {
        !self.items().is_empty()
            && Q::total_pages(&self.response).is_none_or(|total| self.number < total)
    }

    /// The next page, or `None` after the last.
    pub async fn next_page(&self) -> Result<Option<Self>> {
        if !self.has_next_page() {
            return Ok(None);
        }
        Page::fetch(self.request.clone(), self.number + 1)
            .await
            .map(Some)
    }
}

/// Every page of a list from page `first` on, fetched as the stream is polled; it ends after
/// the last page (as the response says, or at the first empty page) or the first error.
pub fn pages<Q: PagedRequest>(request: Q, first: u64) -> PageStream<Page<Q>> {
    enum Next<Q> {
        Fetch(Q, u64),
        Done,
    }
    Box::pin(futures_util::stream::unfold(
        Next::Fetch(request, first),
        move |next| async move {
            let Next::Fetch(request, number) = next else {
                return None;
            };
            match Page::fetch(request, number).await {
                // An empty page past the first ends the list without being yielded.
                Ok(page) if page.items().is_empty() && number != first => None,
                Ok(page) => {
                    let next = if page.has_next_page() {
                        Next::Fetch(page.request.clone(), number + 1)
                    } else {
                        Next::Done
                    };
                    Some((Ok(page), next))
                }
                Err(e) => Some((Err(e), Next::Done)),
            }
        },
    ))
}

/// Every item of every page from page `first` on.
pub fn items<Q: PagedRequest>(request: Q, first: u64) -> PageStream<Q::Item> {
    use futures_util::StreamExt;
    Box::pin(pages(request, first).flat_map(|page| {
        let items: Vec<Result<Q::Item>> = match page {
            Ok(page) => Q::into_items(page.into_response())
                .into_iter()
                .map(Ok)
                .collect(),
            Err(e) => vec![Err(e)],
        };
        futures_util::stream::iter(items)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;

    /// A list of `pages` (page 1 first) failing at page `fail`; a page whose first item is
    /// negative says there are that many pages (`-2`: two).
    #[derive(Clone)]
    struct Fake {
        page: u64,
        pages: Vec<Vec<i32>>,
        fail: Option<u64>,
    }

    impl PagedRequest for Fake {
        type Response = Vec<i32>;
        type Item = i32;
        fn at_page(mut self, number: u64) -> Self {
            self.page = number;
            self
        }
        type Fetch = Pin<Box<dyn Future<Output = Result<Vec<i32>>> + Send>>;
        fn fetch(self) -> Self::Fetch {
            Box::pin(async move {
                if self.fail == Some(self.page) {
                    return Err(crate::runtime::Error::Config("boom".to_string()));
                }
                Ok(self
                    .pages
                    .get(self.page as usize - 1)
                    .cloned()
                    .unwrap_or_default())
            })
        }
        fn items(response: &Vec<i32>) -> &[i32] {
            response
        }
        fn into_items(response: Vec<i32>) -> Vec<i32> {
            response
        }
        fn total_pages(response: &Vec<i32>) -> Option<u64> {
            response
                .first()
                .filter(|v| **v < 0)
                .map(|v| v.unsigned_abs() as u64)
        }
    }

    fn fake(pages: Vec<Vec<i32>>, fail: Option<u64>) -> Fake {
        Fake {
            page: 1,
            pages,
            fail,
        }
    }

    #[tokio::test]
    async fn yields_items_until_an_empty_page() {
        let stream = items(fake(vec![vec![1, 2], vec![3], vec![]], None), 1);
        let items: Vec<i32> = stream.map(|r| r.unwrap()).collect().await;
        assert_eq!(items, vec![1, 2, 3]);
    }

    #[tokio::test]
    async fn stops_after_an_error() {
        let mut stream = items(fake(vec![vec![1], vec![2]], Some(2)), 1);
        assert_eq!(stream.next().await.map(|r| r.ok()), Some(Some(1)));
        assert!(matches!(stream.next().await, Some(Err(_))));
        assert!(stream.next().await.is_none());
    }

    #[tokio::test]
    async fn a_page_knows_whether_another_follows() {
        let first = Page::fetch(fake(vec![vec![1], vec![2], vec![]], None), 1)
            .await
            .unwrap();
        assert!(first.has_next_page());
        let second = first.next_page().await.unwrap().unwrap();
        assert_eq!((second.number(), second.items()), (2, &[2][..]));
        let third = second.next_page().await.unwrap().unwrap();
        assert!(!third.has_next_page());
        assert!(third.next_page().await.unwrap().is_none());
    }

    #[tokio::test]
    async fn the_page_count_a_response_gives_ends_the_list() {
        let stream = items(fake(vec![vec![-1, 5], vec![7]], None), 1);
        let items: Vec<i32> = stream.map(|r| r.unwrap()).collect().await;
        assert_eq!(items, vec![-1, 5]);
    }

    #[tokio::test]
    async fn is_unpin_and_nameable() {
        fn assert_unpin<S: Unpin>(_: &S) {}
        let stream: PageStream<Page<Fake>> = pages(fake(Vec::new(), None), 1);
        assert_unpin(&stream);
    }
}
