//! Signing in with an email and a password, with failures rate-limited.
//!
//! An unknown email, a wrong password and a disabled account look the same from
//! outside: the same error, and the same work (an Argon2 verification against a
//! dummy hash when there is no account), so neither the answer nor its timing tells
//! whether an address has an account.

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use sea_orm::DatabaseConnection;
use sha2::{Digest, Sha256};

use crate::{
    auth::{
        attempts::{self, Budget},
        hex, password,
    },
    entity::user,
    error::{AppError, AppResult},
    store::users,
};

/// Failed sign-ins allowed per account in [`FAILURE_WINDOW_MINUTES`].
pub const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
/// Failed sign-ins allowed per client address in [`FAILURE_WINDOW_MINUTES`]: higher,
/// since an office or a mobile carrier puts many people behind one address.
pub const MAX_FAILURES_PER_ADDRESS: u64 = 30;
/// The sliding window failures are counted over.
pub const FAILURE_WINDOW_MINUTES: i64 = 15;

/// An Argon2id hash (of a random password nobody knows) with the parameters
/// [`password::hash`] uses, verified when the email has no account so that the
/// answer takes as long as for a real one.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$jpQ5URmHDs4Uzfp31kOZoQ$fmGltr0lmaBSE+oZvFjgkQGXk915ampPJFd+wjqiToQ";

/// Signs in: the account whose email and password these are.
///
/// `client_addr_hash` is [`client_hash`] of the client's address; failures are
/// counted over the window before `now`. Every failure is
/// [`AppError::Unauthenticated`]; too many recent failures for the account or the
/// address give [`AppError::RateLimited`] before the password is even looked at.
pub async fn login(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
    client_addr_hash: &str,
    now: DateTime<Utc>,
) -> AppResult<user::Model> {
    let window = Duration::minutes(FAILURE_WINDOW_MINUTES);
    let budgets = [
        Budget {
            subject: account_subject(email),
            max: MAX_FAILURES_PER_ACCOUNT,
            window,
        },
        Budget {
            subject: format!("addr:{}", short(client_addr_hash)),
            max: MAX_FAILURES_PER_ADDRESS,
            window,
        },
    ];
    for budget in &budgets {
        budget.check(db, now).await?;
    }
    // The attempt counts before the slow password check: parallel guesses then
    // cannot all pass the check above before any of them is recorded.
    let mut reserved = Vec::with_capacity(budgets.len());
    for budget in &budgets {
        reserved.push(budget.record(db, now).await?);
    }
    for budget in &budgets {
        if let Err(limited) = budget.check_including_own(db, now).await {
            attempts::forget(db, &reserved).await?;
            return Err(limited);
        }
    }

    // An address longer than any stored one cannot match: skip the query, not the work.
    let account = if email.len() <= 254 {
        users::find_by_email(db, email).await?
    } else {
        None
    };
    let hash = account
        .as_ref()
        .map_or_else(|| DUMMY_HASH.to_owned(), |a| a.password_hash.clone());
    let matches = verify_off_thread(password, hash).await?;
    match account {
        Some(account) if matches && !account.disabled => {
            // A success is not a failure; earlier failures of the account are
            // forgiven too, but not those of the address, which may be an attacker's.
            attempts::forget(db, &reserved).await?;
            budgets[0].clear(db).await?;
            Ok(account)
        }
        _ => Err(AppError::Unauthenticated),
    }
}

/// A keyed hash (HMAC-SHA-256, hex) of the client's network, for rate limits and
/// comment records without keeping addresses. IPv4 counts per address; IPv6 per
/// /64, the block one subscriber usually holds (an IPv4-mapped IPv6 address is IPv4).
pub fn client_hash(ip: IpAddr, secret: &[u8]) -> String {
    let network = match ip {
        IpAddr::V4(v4) => format!("v4:{v4}"),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => format!("v4:{v4}"),
            None => {
                let s = v6.segments();
                format!("v6:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    };
    hex(&hmac_sha256(secret, network.as_bytes()))
}

/// The rate-limit subject of an email: hashed, so failed sign-ins (often typos of
/// someone's address) are not kept in the clear.
fn account_subject(email: &str) -> String {
    let normalized = users::normalize_email(email);
    format!("email:{}", hex(&Sha256::digest(normalized.as_bytes())))
}

/// At most 64 characters of a caller-supplied hash: the column has room for no more.
fn short(hash: &str) -> &str {
    let end = hash
        .char_indices()
        .nth(64)
        .map_or(hash.len(), |(index, _)| index);
    &hash[..end]
}

/// Argon2 takes tens of milliseconds of CPU: off the async workers.
async fn verify_off_thread(password: &str, hash: String) -> AppResult<bool> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || password::verify(&password, &hash))
        .await
        .map_err(|err| AppError::Internal(format!("password check: {err}")))
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let inner = Sha256::new()
        .chain_update(block.map(|b| b ^ 0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(block.map(|b| b ^ 0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

#[cfg(test)]
mod tests {
    use std::net::{Ipv4Addr, Ipv6Addr};

    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Case 6: a key longer than the block is hashed first.
        let mac = hmac_sha256(
            &[0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First",
        );
        assert_eq!(
            hex(&mac),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn client_hashes_are_keyed_and_group_ipv6_by_64() {
        let a = IpAddr::V4(Ipv4Addr::new(203, 0, 113, 7));
        assert_eq!(client_hash(a, b"k"), client_hash(a, b"k"));
        assert_ne!(client_hash(a, b"k"), client_hash(a, b"other"));
        assert_eq!(client_hash(a, b"k").len(), 64);
        let mapped = IpAddr::V6(Ipv4Addr::new(203, 0, 113, 7).to_ipv6_mapped());
        assert_eq!(client_hash(mapped, b"k"), client_hash(a, b"k"));
        let one: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let same_block: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let other_block: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_hash(one, b"k"), client_hash(same_block, b"k"));
        assert_ne!(client_hash(one, b"k"), client_hash(other_block, b"k"));
        assert_ne!(
            client_hash(IpAddr::V6(Ipv6Addr::LOCALHOST), b"k"),
            client_hash(IpAddr::V4(Ipv4Addr::LOCALHOST), b"k")
        );
    }

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_does() {
        let params = |phc: &str| phc.split('$').nth(3).unwrap().to_owned();
        let real = password::hash("anything").unwrap();
        assert!(DUMMY_HASH.starts_with("$argon2id$v=19$"));
        assert_eq!(params(DUMMY_HASH), params(&real));
        assert!(!password::verify("", DUMMY_HASH));
    }

    #[test]
    fn subjects_fit_their_column() {
        assert_eq!(
            account_subject(" Editor@Example.KZ "),
            account_subject("editor@example.kz")
        );
        assert!(account_subject(&"x".repeat(10_000)).len() <= 96);
        assert_eq!(short(&"a".repeat(500)).len(), 64);
    }
}
