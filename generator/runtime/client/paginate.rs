//! Paging: [`Client::paginate`] turns a list operation into a stream of its items.
//!
//! Which operations page, which query parameters hold the position and the size, which response
//! field holds the items and which the total, and the largest documented page size, come from
//! the operation's spec (`operation.paging`, generated as [`Paginated`]).
//!
//! Pages are fetched lazily, one when the previous one is used up. The position advances by the
//! number of items received (`offset` style) or by one page (`page` style), so a server that
//! answers fewer items than asked skips nothing. The stream ends on an empty page, when the items
//! received reach the reported total, or (without a total) on a page shorter than the size asked
//! for; an error ends it after being yielded. A server that keeps answering full pages without a
//! total is stopped after [`MAX_PAGES`] pages with an error, so the stream never loops forever.

use std::collections::VecDeque;

use futures_core::Stream;

use super::error::Error;
use super::send::prepare_with;
use super::Client;
use crate::runtime::operation::{PageStyle, Paginated, QueryParameters};

/// The most pages one stream fetches (100,000 items at the usual 100 per page).
pub const MAX_PAGES: u64 = 1_000;

struct State<'a, O: Paginated> {
    client: &'a Client,
    path: &'a O::PathParams,
    base: Vec<(&'static str, String)>,
    position: u64,
    limit: Option<u64>,
    received: u64,
    pages: u64,
    buffer: VecDeque<O::Item>,
    done: bool,
}

impl Client {
    /// The items of list operation `operation`, page after page, as a stream.
    ///
    /// `query` may set filters, a starting position and a page size; the size is capped at the
    /// documented maximum, which is also used when the query sets none. See the
    /// [module documentation](self) for when the stream ends.
    ///
    /// ```no_run
    /// # use otc_db_sdk::client::{Client, Error};
    /// use futures_util::TryStreamExt;
    /// use otc_db_sdk::rds::v3::list_instances::{ListInstances, ListInstancesQuery};
    /// use otc_db_sdk::runtime::operation::NoPathParams;
    /// # async fn example(client: Client) -> Result<(), Error> {
    /// let query = ListInstancesQuery::default();
    /// let instances: Vec<_> = client.paginate(ListInstances, &NoPathParams, &query).try_collect().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn paginate<'a, O>(
        &'a self,
        operation: O,
        path: &'a O::PathParams,
        query: &O::Query,
    ) -> impl Stream<Item = Result<O::Item, Error>> + 'a
    where
        O: Paginated<Request = ()> + 'a,
    {
        let _ = operation;
        let paging = O::PAGING;
        let mut position = match paging.style {
            PageStyle::Page => 1,
            _ => 0,
        };
        let mut limit = paging.max_limit.map(u64::from);
        let mut base = Vec::new();
        for (name, value) in query.pairs() {
            if name == paging.offset {
                position = value.trim().parse().unwrap_or(position);
            } else if name == paging.limit {
                let asked = value.trim().parse::<u64>().ok().filter(|n| *n > 0);
                limit = match (asked, limit) {
                    (Some(a), Some(max)) => Some(a.min(max)),
                    (Some(a), None) => Some(a),
                    (None, l) => l,
                };
            } else {
                base.push((name, value));
            }
        }
        let state = State::<O> { client: self, path, base, position, limit, received: 0, pages: 0, buffer: VecDeque::new(), done: false };
        futures_util::stream::unfold(state, |mut state| async move {
            loop {
                if let Some(item) = state.buffer.pop_front() {
                    return Some((Ok(item), state));
                }
                if state.done {
                    return None;
                }
                if let Err(e) = next_page(&mut state).await {
                    state.done = true;
                    return Some((Err(e), state));
                }
            }
        })
    }
}

/// Fetches the next page into the buffer and decides whether it was the last.
async fn next_page<O: Paginated<Request = ()>>(state: &mut State<'_, O>) -> Result<(), Error> {
    let paging = O::PAGING;
    if state.pages >= MAX_PAGES {
        return Err(Error::Config {
            message: format!(
                "{}/{}/{}: paging stopped after {MAX_PAGES} pages: the server keeps answering full pages",
                O::SERVICE,
                O::VERSION,
                O::ID
            ),
        });
    }
    let mut pairs = state.base.clone();
    pairs.push((paging.offset, state.position.to_string()));
    if let Some(limit) = state.limit {
        pairs.push((paging.limit, limit.to_string()));
    }
    let inner = &state.client.inner;
    let project_id = state.client.resolve_project_id().await?;
    let prepared = prepare_with::<O>(&inner.transport.endpoints, project_id, state.client.validation, state.path, &pairs, &())?;
    let reply = state.client.send_prepared::<O>(&prepared).await?;
    let page = O::into_page(reply.body);
    state.pages += 1;
    let count = page.items.len() as u64;
    state.received += count;
    state.buffer.extend(page.items);
    state.position += match paging.style {
        PageStyle::Page => 1,
        _ => count,
    };
    let total_reached = page.total.is_some_and(|t| state.received >= u64::try_from(t).unwrap_or(0));
    let short_page = page.total.is_none() && state.limit.is_some_and(|l| count < l);
    state.done = count == 0 || total_reached || short_page;
    tracing::debug!(operation = %prepared.operation, page = state.pages, items = count, total = ?page.total, "page");
    Ok(())
}
