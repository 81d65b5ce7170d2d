// Copied by otc-sdkgen from generator/runtime/client/auth.rs. Do not edit here: edit that file and run `cargo run`.

//! Authentication: a fixed token, IAM password authentication with a cached, renewed token, or
//! AK/SK signing (permanent or temporary keys; see [`sign`](super::sign)).
//!
//! With a password, the client asks IAM for a token ([`ShowUserToken`](crate::iam::v3::show_user_token::ShowUserToken), `POST
//! /v3/auth/tokens` with the scope of the client's project, `?nocatalog=true`) on the first call
//! that needs one, reads it from the `X-Subject-Token` header and keeps it. The token's lifetime is
//! `expires_at − issued_at` of the response body (both the server's clock, so this machine's clock
//! does not matter; 24 hours, as the pages say, when the body does not tell). The token is renewed
//! [`renew_before`](super::ClientBuilder::renew_before) its end (default: 1 hour), when a call
//! needs a token.
//!
//! One renewal at a time: the cache is behind an async mutex held while IAM is asked, so calls
//! that arrive meanwhile wait for that token instead of asking IAM themselves.
//!
//! When a call that used a cached token gets `401`, the token may have been revoked (the pages say
//! tokens become invalid when the user's password or permissions change): the client drops it,
//! gets a new one and sends the call once more. With a fixed token a 401 is returned as it is.

use std::time::{Duration, Instant, UNIX_EPOCH};

use super::clock::Clock;
use super::error::{Error, OperationName};
use super::send::{execute, finish, json_body, prepare, prepare_get, request_id, Credential, Transport};
use super::time::{token_lifetime, DEFAULT_TOKEN_LIFETIME};
use super::validation::Validation;
use crate::iam::v3::show_user_token::{
    Auth as AuthBody, Domain, Identity, Password, Project, Scope, ShowUserToken as TokenOperation, ShowUserTokenQuery as TokenQuery,
    ShowUserTokenRequest as TokenRequest, User,
};
use crate::iam::v3::verify_token_and_return_valid_token::VerifyTokenAndReturnValidToken as VerifyOperation;
use crate::runtime::error::BuildError;
use crate::runtime::operation::NoPathParams;
use crate::runtime::sensitive::Sensitive;

/// How the client authenticates. `Debug` never shows the token or the password.
#[derive(Clone, Debug)]
pub struct Auth {
    kind: Kind,
}

#[derive(Clone, Debug)]
enum Kind {
    Token(Sensitive<String>),
    Password { user: String, password: Sensitive<String>, domain: String },
    Keys(Keys),
}

/// An access key pair (and the security token of temporary keys). `Debug` shows none of them.
#[derive(Clone, Debug)]
pub(crate) struct Keys {
    access: Sensitive<String>,
    secret: Sensitive<String>,
    security_token: Option<Sensitive<String>>,
}

impl Keys {
    pub(crate) fn access_key(&self) -> &str {
        self.access.expose()
    }

    pub(crate) fn secret_key(&self) -> &str {
        self.secret.expose()
    }

    pub(crate) fn security_token(&self) -> Option<&str> {
        self.security_token.as_ref().map(|t| t.expose().as_str())
    }
}

impl Auth {
    /// A token obtained elsewhere, sent as it is in `X-Auth-Token` (never renewed).
    pub fn token(token: impl Into<String>) -> Self {
        Auth { kind: Kind::Token(Sensitive::new(token.into())) }
    }

    /// IAM password authentication: the IAM user `user` of the account (domain) `domain`.
    pub fn password(user: impl Into<String>, password: impl Into<String>, domain: impl Into<String>) -> Self {
        Auth { kind: Kind::Password { user: user.into(), password: Sensitive::new(password.into()), domain: domain.into() } }
    }

    /// AK/SK authentication: every request is signed with `SDK-HMAC-SHA256` (see
    /// [`sign`](super::sign)); no token is asked for.
    pub fn aksk(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Auth {
            kind: Kind::Keys(Keys {
                access: Sensitive::new(access_key.into()),
                secret: Sensitive::new(secret_key.into()),
                security_token: None,
            }),
        }
    }

    /// Temporary AK/SK with their security token (sent as `X-Security-Token`, and signed).
    pub fn aksk_with_token(access_key: impl Into<String>, secret_key: impl Into<String>, security_token: impl Into<String>) -> Self {
        Auth {
            kind: Kind::Keys(Keys {
                access: Sensitive::new(access_key.into()),
                secret: Sensitive::new(secret_key.into()),
                security_token: Some(Sensitive::new(security_token.into())),
            }),
        }
    }

    /// Which kind of credentials these are (`"token"`, `"password"`, `"aksk"`), for messages.
    pub fn kind(&self) -> &'static str {
        match &self.kind {
            Kind::Token(_) => "token",
            Kind::Password { .. } => "password",
            Kind::Keys(_) => "aksk",
        }
    }

    /// The secrets of these credentials, for redaction.
    fn secrets(&self) -> Vec<&str> {
        match &self.kind {
            Kind::Token(token) => vec![token.expose()],
            Kind::Password { password, .. } => vec![password.expose()],
            Kind::Keys(keys) => {
                let mut s = vec![keys.secret.expose().as_str(), keys.access.expose().as_str()];
                s.extend(keys.security_token());
                s
            }
        }
    }
}

/// A token and when to stop using it.
#[derive(Debug)]
struct Cached {
    token: Sensitive<String>,
    renew_at: Instant,
}

/// The credentials and the token cache of a client.
#[derive(Debug)]
pub(crate) struct Authenticator {
    auth: Auth,
    renew_before: Duration,
    cache: tokio::sync::Mutex<Option<Cached>>,
}

impl Authenticator {
    pub(crate) fn new(auth: Auth, renew_before: Duration) -> Self {
        Authenticator { auth, renew_before, cache: tokio::sync::Mutex::new(None) }
    }

    /// Whether a token can be renewed (password authentication).
    pub(crate) fn renews(&self) -> bool {
        matches!(self.auth.kind, Kind::Password { .. })
    }

    /// The password, the fixed token or the keys: never to be shown.
    pub(crate) fn secrets(&self) -> Vec<&str> {
        self.auth.secrets()
    }

    /// The access keys, when requests are signed.
    pub(crate) fn keys(&self) -> Option<&Keys> {
        match &self.auth.kind {
            Kind::Keys(keys) => Some(keys),
            _ => None,
        }
    }

    /// The id of the project named `name`, from IAM, as the pages document it: with a password, the
    /// token is asked for scoped to the project by name (`auth.scope.project.name`: "you can specify
    /// either id or name") and its body's `token.project.id` is the id (the token is kept for the
    /// calls); with a fixed token, `GET /v3/auth/tokens` (the token verifying itself) answers the
    /// project of its scope, which must be `name`. AK/SK keys have no token to ask with.
    pub(crate) async fn project_id_of(&self, transport: &Transport, name: &str) -> Result<String, Error> {
        let unknown =
            |why: String| Error::Config { message: format!("the project name `{name}` could not be resolved to a project id: {why}") };
        match &self.auth.kind {
            Kind::Password { user, password, domain } => {
                let mut cache = self.cache.lock().await;
                let (fresh, project) =
                    match obtain(transport, ProjectScope::Name(name), user, password, domain, self.renew_before, transport.clock.as_ref())
                        .await
                    {
                        Ok(got) => got,
                        // IAM refusing a token scoped to the name: the name is unknown (or, IAM does not
                        // say which, the credentials are wrong).
                        Err(e @ Error::Status(_)) => {
                            let e = e.redact(&[password.expose()]);
                            return Err(unknown(format!(
                                "IAM refused a token scoped to it ({}{}): check OS_PROJECT_NAME (and the credentials)",
                                e.status().map(|s| s.to_string()).unwrap_or_default(),
                                e.error_code().map(|c| format!(" {c}")).unwrap_or_default()
                            )));
                        }
                        Err(e) => return Err(Error::Auth(Box::new(e.redact(&[password.expose()])))),
                    };
                let id = project.ok_or_else(|| unknown("IAM's token names no project".to_owned()))?;
                *cache = Some(fresh);
                Ok(id)
            }
            Kind::Token(token) => {
                let (id, scoped_to) = verify_token(transport, token).await.map_err(|e| e.redact(&[token.expose()]))?;
                match (id, scoped_to) {
                    (Some(id), Some(scoped)) if scoped == name => Ok(id),
                    (_, Some(scoped)) => Err(unknown(format!("the token is scoped to the project `{scoped}`"))),
                    _ => Err(unknown("the token is not scoped to a project".to_owned())),
                }
            }
            Kind::Keys(_) => Err(unknown("AK/SK keys sign requests with the project id (X-Project-Id): set OS_PROJECT_ID".to_owned())),
        }
    }

    /// A valid token: the fixed one, the cached one, or a new one from IAM.
    pub(crate) async fn token(&self, transport: &Transport, project_id: &str) -> Result<Sensitive<String>, Error> {
        let Kind::Password { user, password, domain } = &self.auth.kind else {
            return match &self.auth.kind {
                Kind::Token(token) => Ok(token.clone()),
                _ => Err(Error::Config { message: "AK/SK credentials sign requests; they have no token".to_owned() }),
            };
        };
        let mut cache = self.cache.lock().await;
        if let Some(cached) = cache.as_ref().filter(|c| transport.clock.now() < c.renew_at) {
            return Ok(cached.token.clone());
        }
        let (fresh, _) =
            obtain(transport, ProjectScope::Id(project_id), user, password, domain, self.renew_before, transport.clock.as_ref())
                .await
                .map_err(|e| Error::Auth(Box::new(e.redact(&[password.expose()]))))?;
        let token = fresh.token.clone();
        *cache = Some(fresh);
        Ok(token)
    }

    /// Drops the cached token if it is still `used` (a call was refused with it).
    pub(crate) async fn invalidate(&self, used: &Sensitive<String>) {
        let mut cache = self.cache.lock().await;
        if cache.as_ref().is_some_and(|c| c.token == *used) {
            *cache = None;
        }
    }
}

/// The project a token is asked for.
#[derive(Clone, Copy)]
enum ProjectScope<'a> {
    Id(&'a str),
    Name(&'a str),
}

/// The IAM request body for a project-scoped token.
fn token_request(project: ProjectScope<'_>, user: &str, password: &str, domain: &str) -> Result<TokenRequest, BuildError> {
    let user = User::builder().domain(Domain::builder().name(domain).build()?).name(user).password(password).build()?;
    let identity = Identity::builder().methods(vec!["password".to_owned()]).password(Password::builder().user(user).build()?).build()?;
    let project = match project {
        ProjectScope::Id(id) => Project::builder().id(id),
        ProjectScope::Name(name) => Project::builder().name(name),
    };
    let scope = Scope::builder().project(project.build()?).build()?;
    TokenRequest::builder().auth(AuthBody::builder().identity(identity).scope(scope).build()?).build()
}

/// Asks IAM for a token scoped to `project`; the token and the project id its body names.
async fn obtain(
    transport: &Transport,
    project: ProjectScope<'_>,
    user: &str,
    password: &Sensitive<String>,
    domain: &str,
    renew_before: Duration,
    clock: &dyn Clock,
) -> Result<(Cached, Option<String>), Error> {
    let started = clock.now();
    let now_unix = clock.system_time().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0);
    let operation = OperationName::of::<TokenOperation>();
    let request = token_request(project, user, password.expose(), domain).map_err(|error| Error::Invalid { operation, error })?;
    let query = TokenQuery::default().nocatalog("true");
    // The token path has no `{project_id}`.
    let prepared = prepare::<TokenOperation>(&transport.endpoints, "", Validation::Strict, &NoPathParams, &query, &request)?;
    drop(request);
    let raw = execute(transport, &prepared, Credential::None).await?;
    let id = request_id(&raw.headers);
    let token =
        raw.headers.get("X-Subject-Token").and_then(|v| v.to_str().ok()).filter(|t| !t.is_empty()).map(|t| Sensitive::new(t.to_owned()));
    let (lifetime, project_id) = match finish::<TokenOperation>(&prepared, raw) {
        Ok(reply) => match &reply.body.token {
            Some(t) => {
                (token_lifetime(t.expires_at.as_deref(), t.issued_at.as_deref(), now_unix), t.project.as_ref().and_then(|p| p.id.clone()))
            }
            None => (DEFAULT_TOKEN_LIFETIME, None),
        },
        // The token is in the header; the body only tells how long it lives.
        Err(Error::Decode(_)) => (DEFAULT_TOKEN_LIFETIME, None),
        Err(e) => return Err(e),
    };
    let token = token.ok_or(Error::MissingToken { request_id: id })?;
    let renew_at = started.checked_add(lifetime.saturating_sub(renew_before)).unwrap_or(started);
    Ok((Cached { token, renew_at }, project_id))
}

/// `GET /v3/auth/tokens` with the token as `X-Auth-Token` and `X-Subject-Token`: the id and
/// name of the project the token is scoped to.
async fn verify_token(transport: &Transport, token: &Sensitive<String>) -> Result<(Option<String>, Option<String>), Error> {
    let operation = OperationName::of::<VerifyOperation>();
    let mut prepared = prepare_get(&transport.endpoints, operation, "/v3/auth/tokens", &[("nocatalog", "true".to_owned())])?;
    let mut subject = reqwest::header::HeaderValue::from_str(token.expose())
        .map_err(|_| Error::Config { message: "the token is not a valid HTTP header value".to_owned() })?;
    subject.set_sensitive(true);
    prepared.extra_headers.push((reqwest::header::HeaderName::from_static("x-subject-token"), subject));
    let raw = execute(transport, &prepared, Credential::Token(token)).await?;
    let body = json_body(&prepared, raw)?;
    let project = &body["token"]["project"];
    let text = |key: &str| project.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    Ok((text("id"), text("name")))
}
