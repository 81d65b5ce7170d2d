//! Calling the cloud (feature `client`): an async HTTP client that sends any generated
//! [`Operation`].
//!
//! ```no_run
//! use otc_db_sdk::client::{Auth, Client, Error};
//! use otc_db_sdk::rds::v1::list_instances::ListInstances;
//! use otc_db_sdk::runtime::operation::{NoPathParams, NoQuery};
//!
//! # async fn example() -> Result<(), Error> {
//! let client = Client::builder()
//!     .region("eu-de")
//!     .project_id("0123456789abcdef0123456789abcdef")
//!     .auth(Auth::password("user", "secret", "OTC-EU-DE-000000000010000XXXXX"))
//!     .build()?;
//! let list = client.call(ListInstances, &NoPathParams, &NoQuery, &()).await?;
//! println!("{} instances", list.instances.map_or(0, |i| i.len()));
//! # Ok(())
//! # }
//! ```
//!
//! What a call does, in order:
//!
//! 1. validates the request ([`Validate::validate`]): a broken constraint is an
//!    [`Error::Invalid`] and nothing is sent; whether a value the page does not list for a
//!    closed set counts is the client's [`Validation`] (default: it is sent, see [`validation`]);
//! 2. gets a token if the operation documents `X-Auth-Token` ([`Auth`]; see [`auth`] for caching
//!    and renewal);
//! 3. builds the URL: the service's base URL ([`Endpoints`]), the operation's path with the
//!    client's project id and the path parameters filled and percent-encoded, the query
//!    parameters that are set;
//! 4. sends `Content-Type: application/json`, `X-Auth-Token`, `X-Language` (when set) and the JSON
//!    body, retrying as the [`RetryPolicy`] allows;
//! 5. checks the status: any 2xx is a success (the documented one or not, [`Reply::status`] tells);
//!    anything else is an [`Error::Status`] with the cloud's error code and message (from any of
//!    the services' error bodies, see [`error`]) and the `X-Request-Id`; so is a 2xx whose body is
//!    only a v1.0 error (`{"errCode", "externalMessage"}` with a code that is not a success);
//! 6. deserializes the body into the documented response type; a body that does not fit is an
//!    [`Error::Decode`] that keeps the raw body.
//!
//! Beyond one call:
//!
//! - [`Client::wait_for_job`], [`Client::wait_for_instance`], [`Client::send_when_free`]
//!   ([`wait`]): a `202 Accepted` answers a `job_id`; waiting polls the service's job query, or
//!   its instance query, both found from the specs' marks;
//! - [`Client::paginate`] ([`paginate`]): the items of a list operation, page after page, as a
//!   [`Stream`];
//! - [`Auth::aksk`] / [`Auth::aksk_with_token`]: requests signed with `SDK-HMAC-SHA256`
//!   ([`sign`]);
//! - [`Client::from_env`] ([`config`]): the `OS_*` variables and `clouds.yaml`;
//! - the region table of [`endpoint`]: `eu-de`, `eu-nl`, `eu-ch2`;
//! - [`ClientBuilder::clock`] ([`clock`]): the time of waits, retries, tokens and signatures,
//!   injectable ([`VirtualClock`] in tests: no real sleeps);
//! - `tracing` spans (`otc_db_sdk.call`: operation, method, URL without query) and events
//!   (attempt, status, request id, elapsed), silent unless the application installs a
//!   subscriber; no token, key, password or signature is ever a field.

pub mod auth;
mod catalog;
pub mod clock;
pub mod config;
pub mod endpoint;
pub mod error;
pub mod paginate;
pub mod retry;
mod send;
pub mod sign;
mod time;
pub mod validation;
pub mod wait;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

pub use auth::Auth;
pub use clock::{Clock, TokioClock, VirtualClock};
pub use endpoint::{Endpoints, DEFAULT_TEMPLATE};
pub use error::{DecodeError, Error, OperationName, StatusError};
pub use futures_core::Stream;
pub use retry::RetryPolicy;
pub use validation::Validation;
pub use wait::{Instance, Job, JobStatus, WaitPolicy};

use crate::runtime::operation::Operation;
#[cfg(doc)]
use crate::runtime::validate::Validate;
use auth::Authenticator;
use send::{execute, finish, prepare, Credential, Prepared, Raw, Transport, AUTH_TOKEN};

/// A successful response: the body and what the headers said.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Reply<T> {
    /// The response body, deserialized into the documented type.
    pub body: T,
    /// The status received (a 2xx).
    pub status: u16,
    /// The status the page documents ([`Operation::SUCCESS_STATUS`]).
    pub documented_status: u16,
    /// The `X-Request-Id` response header, when present.
    pub request_id: Option<String>,
}

impl<T> Reply<T> {
    /// The response body.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Whether the status received is the documented one.
    pub fn is_documented_status(&self) -> bool {
        self.status == self.documented_status
    }
}

/// The client: cheap to clone (clones share the connection pool and the token cache), safe to use
/// from many tasks at once. Make one with [`Client::builder`].
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    validation: Validation,
}

struct Inner {
    transport: Transport,
    auth: Authenticator,
    project: ProjectRef,
}

/// The project of a client: its id, or its name, resolved to the id through IAM by the first
/// call (once; see [`Client::resolve_project_id`]).
#[derive(Debug)]
enum ProjectRef {
    Id(String),
    Name { name: String, id: tokio::sync::OnceCell<String> },
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("project", &self.inner.project)
            .field("endpoints", &self.inner.transport.endpoints)
            .field("auth", &self.inner.auth)
            .field("timeout", &self.inner.transport.timeout)
            .field("retry", &self.inner.transport.retry)
            .field("validation", &self.validation)
            .field("clock", &self.inner.transport.clock)
            .finish()
    }
}

impl Client {
    /// A builder: set the project id, the credentials and a region (or base URL), then `build()`.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The project id used for every `{project_id}`: the one given, or the one resolved from the
    /// project name (`None` until the first call, or [`Client::resolve_project_id`], resolved it).
    pub fn project_id(&self) -> Option<&str> {
        match &self.inner.project {
            ProjectRef::Id(id) => Some(id),
            ProjectRef::Name { id, .. } => id.get().map(String::as_str),
        }
    }

    /// The project name the client was given instead of an id, if it was.
    pub fn project_name(&self) -> Option<&str> {
        match &self.inner.project {
            ProjectRef::Id(_) => None,
            ProjectRef::Name { name, .. } => Some(name),
        }
    }

    /// The project id: the one given, or, for a client given a project name
    /// ([`ClientBuilder::project_name`], `OS_PROJECT_NAME`), the id IAM gives for it, asked once
    /// and kept (every call does this first). With a password, the token is asked for scoped to
    /// the project by name and its `token.project.id` is the id; with a fixed token,
    /// `GET /v3/auth/tokens` tells the project of its scope, which must have that name. An
    /// unknown name is an [`Error::Config`] naming it.
    pub async fn resolve_project_id(&self) -> Result<&str, Error> {
        let inner = &self.inner;
        match &inner.project {
            ProjectRef::Id(id) => Ok(id),
            ProjectRef::Name { name, id } => {
                id.get_or_try_init(|| inner.auth.project_id_of(&inner.transport, name)).await.map(String::as_str)
            }
        }
    }

    /// The same client (sharing connections and tokens) checking requests as `validation` says:
    /// the per-call choice, `client.with_validation(Validation::Strict).call(…)`.
    pub fn with_validation(&self, validation: Validation) -> Client {
        Client { inner: Arc::clone(&self.inner), validation }
    }

    /// What this client checks before sending ([`Validation`]).
    pub fn validation(&self) -> Validation {
        self.validation
    }

    /// The base URL `service` (`"rds"`) is called at.
    pub fn endpoint(&self, service: &str) -> Result<String, Error> {
        self.inner.transport.endpoints.resolve(service)
    }

    /// Sends `operation` and returns the response body with its status and request id.
    ///
    /// `path` holds the path parameters other than `project_id` (`NoPathParams` when there are
    /// none), `query` the query parameters (`NoQuery` when none are documented), `request` the
    /// body (`&()` when there is none). See the [module documentation](self) for what is sent and
    /// which errors come back.
    pub async fn send<O: Operation>(
        &self,
        operation: O,
        path: &O::PathParams,
        query: &O::Query,
        request: &O::Request,
    ) -> Result<Reply<O::Response>, Error> {
        let _ = operation;
        let inner = &self.inner;
        let project_id = self.resolve_project_id().await?;
        let prepared = prepare::<O>(&inner.transport.endpoints, project_id, self.validation, path, query, request)
            .map_err(|e| e.redact(&inner.auth.secrets()))?;
        self.send_prepared::<O>(&prepared).await
    }

    /// Sends a prepared request of operation `O` and reads its response.
    pub(crate) async fn send_prepared<O: Operation>(&self, prepared: &Prepared) -> Result<Reply<O::Response>, Error> {
        let needs_auth = O::HEADERS.iter().any(|h| h.name.eq_ignore_ascii_case(AUTH_TOKEN));
        let (raw, secrets) = self.exchange(prepared, needs_auth).await?;
        finish::<O>(prepared, raw).map_err(|e| e.redact(&secrets.iter().map(String::as_str).collect::<Vec<_>>()))
    }

    /// Sends `prepared` with the client's credentials (a token, or a signature), renewing a cached
    /// token once on 401. Returns the response, whatever its status, and the secrets to redact.
    pub(crate) async fn exchange(&self, prepared: &Prepared, needs_auth: bool) -> Result<(Raw, Vec<String>), Error> {
        let inner = &self.inner;
        let project_id = self.resolve_project_id().await?;
        let mut renewed = false;
        loop {
            let mut secrets: Vec<String> = inner.auth.secrets().into_iter().map(str::to_owned).collect();
            let keys = inner.auth.keys();
            let token = if needs_auth && keys.is_none() { Some(inner.auth.token(&inner.transport, project_id).await?) } else { None };
            if let Some(t) = &token {
                secrets.push(t.expose().clone());
            }
            let credential = match (needs_auth, keys, &token) {
                (true, Some(keys), _) => Credential::Keys(keys, project_id),
                (_, _, Some(token)) => Credential::Token(token),
                _ => Credential::None,
            };
            let shown: Vec<&str> = secrets.iter().map(String::as_str).collect();
            let raw = execute(&inner.transport, prepared, credential).await.map_err(|e| e.redact(&shown))?;
            if raw.status == 401 && !renewed && inner.auth.renews() {
                if let Some(token) = &token {
                    inner.auth.invalidate(token).await;
                    renewed = true;
                    continue;
                }
            }
            return Ok((raw, secrets));
        }
    }

    /// Like [`Client::send`], returning the response body only.
    pub async fn call<O: Operation>(
        &self,
        operation: O,
        path: &O::PathParams,
        query: &O::Query,
        request: &O::Request,
    ) -> Result<O::Response, Error> {
        self.send(operation, path, query, request).await.map(Reply::into_body)
    }
}

/// Settings of a [`Client`]. Required: [`project_id`](Self::project_id) (or
/// [`project_name`](Self::project_name)), [`auth`](Self::auth),
/// and a [`region`](Self::region) or [`base_url`](Self::base_url) (or an
/// [`endpoint`](Self::endpoint) for each service called).
#[derive(Clone, Debug)]
pub struct ClientBuilder {
    project_id: Option<String>,
    project_name: Option<String>,
    auth: Option<Auth>,
    endpoints: Endpoints,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    language: Option<String>,
    renew_before: Duration,
    validation: Validation,
    clock: Arc<dyn Clock>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            project_id: None,
            project_name: None,
            auth: None,
            endpoints: Endpoints::default(),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            language: None,
            renew_before: Duration::from_secs(60 * 60),
            validation: Validation::default(),
            clock: Arc::new(TokioClock),
        }
    }
}

impl ClientBuilder {
    /// The project id (of a region), used for every `{project_id}` and as the token's scope.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// The project by name (`eu-de_myproject`) instead of its id: the client asks IAM for the id
    /// at its first call ([`Client::resolve_project_id`]); needs a password or a token (AK/SK
    /// signing sends the id). An id set too wins.
    pub fn project_name(mut self, project_name: impl Into<String>) -> Self {
        self.project_name = Some(project_name.into());
        self
    }

    /// The credentials: [`Auth::token`], [`Auth::password`], [`Auth::aksk`] or
    /// [`Auth::aksk_with_token`].
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// The region (`"eu-de"`, `"eu-nl"`, `"eu-ch2"`): the services' URLs come from the region
    /// table ([`endpoint`]).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.endpoints = self.endpoints.region(region);
        self
    }

    /// An endpoint template instead of the region table, `{service}` and `{region}` filled per
    /// call (like [`DEFAULT_TEMPLATE`]): for another cloud of the same family.
    pub fn endpoint_template(mut self, template: impl Into<String>) -> Self {
        self.endpoints = self.endpoints.template(template);
        self
    }

    /// One base URL for every service (a gateway, a proxy, a test server).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.endpoints = self.endpoints.base_url(url);
        self
    }

    /// The base URL of one service (`"rds"`, `"dds"`, `"gaussdb"`, `"iam"`); wins over the others.
    pub fn endpoint(mut self, service: impl Into<String>, url: impl Into<String>) -> Self {
        self.endpoints = self.endpoints.service(service, url);
        self
    }

    /// All endpoint settings at once.
    pub fn endpoints(mut self, endpoints: Endpoints) -> Self {
        self.endpoints = endpoints;
        self
    }

    /// The longest one attempt may take, from connecting to the end of the body (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest connecting may take (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The retry policy (default: [`RetryPolicy::default`]).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The `X-Language` header sent with every call (`"en-us"`); not sent when unset.
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.language = Some(language.into());
        self
    }

    /// How long before its end a token from password authentication is renewed (default 1 hour
    /// of its 24).
    pub fn renew_before(mut self, margin: Duration) -> Self {
        self.renew_before = margin;
        self
    }

    /// Which documented constraints make the client refuse to send (default
    /// [`Validation::AllowUnknownValues`]; per call: [`Client::with_validation`]).
    pub fn validation(mut self, validation: Validation) -> Self {
        self.validation = validation;
        self
    }

    /// The clock of waits, retries, token renewal and signing dates (default [`TokioClock`]);
    /// [`VirtualClock`] in tests: see [`clock`].
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The client, or an [`Error::Config`] naming what is missing or wrong.
    pub fn build(self) -> Result<Client, Error> {
        let config = |message: &str| Error::Config { message: message.to_owned() };
        let auth = self.auth.ok_or_else(|| config("no credentials: set a token or a password"))?;
        let project = match (self.project_id.filter(|p| !p.is_empty()), self.project_name.filter(|p| !p.is_empty())) {
            (Some(id), _) => ProjectRef::Id(id),
            (None, Some(_)) if auth.kind() == "aksk" => {
                return Err(config(
                    "AK/SK signing needs the project id (sent as X-Project-Id): set it (OS_PROJECT_ID); a project name is resolved only with a password or a token",
                ))
            }
            (None, Some(name)) => ProjectRef::Name { name, id: tokio::sync::OnceCell::new() },
            (None, None) => return Err(config("no project id (nor a project name)")),
        };
        self.endpoints.check()?;
        let language = match self.language {
            Some(l) => Some(reqwest::header::HeaderValue::from_str(&l).map_err(|_| config("the language is not a valid header value"))?),
            None => None,
        };
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("otc-db-sdk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Config { message: format!("cannot make the HTTP client: {e}") })?;
        let transport =
            Transport { http, endpoints: self.endpoints, retry: self.retry, timeout: self.timeout, language, clock: self.clock };
        let auth = Authenticator::new(auth, self.renew_before);
        Ok(Client { inner: Arc::new(Inner { transport, auth, project }), validation: self.validation })
    }
}
