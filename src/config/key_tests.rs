//! Key settings as start-up reads them: every bad value names its variable.

use clap::Parser;

use super::*;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jwt")
        .join(name)
        .display()
        .to_string()
}

#[derive(Parser)]
struct Wrapper {
    #[command(flatten)]
    args: ConfigArgs,
}

/// Parses flags with an external database, as production runs.
fn parse(flags: &[&str]) -> Result<Config, ConfigError> {
    let mut argv = vec!["test", "--database-url", "postgres://db/polisia"];
    argv.extend_from_slice(flags);
    Config::from_args(&Wrapper::parse_from(argv).args)
}

const SECRET: &str = "0123456789abcdef0123456789abcdef";

#[test]
fn hs256_is_the_default_under_k1() {
    let config = parse(&["--jwt-secret", SECRET]).unwrap();
    assert_eq!(config.jwt_keys.algorithm, JwtAlgorithm::Hs256);
    assert_eq!(config.jwt_keys.key_id, "k1");
    let keys = config.key_set().unwrap();
    assert_eq!(keys.signing_kid(), "k1");
    assert!(keys.verifying_key("k1").is_some());
}

#[test]
fn asymmetric_keys_need_no_secret() {
    let (private, public) = (
        fixture("ed25519-a-private.pem"),
        fixture("ed25519-a-public.pem"),
    );
    let config = parse(&[
        "--jwt-algorithm",
        "EdDSA",
        "--jwt-key-id",
        "ed-2026",
        "--jwt-private-key-file",
        &private,
        "--jwt-public-key-file",
        &public,
    ])
    .unwrap();
    assert!(config.jwt_secret.is_none());
    let keys = config.key_set().unwrap();
    assert_eq!(keys.signing_kid(), "ed-2026");
    assert_eq!(keys.signing_algorithm(), jsonwebtoken::Algorithm::EdDSA);
    assert!(
        !format!("{config:?}").contains("PRIVATE KEY"),
        "keys are never printed"
    );
}

#[test]
fn previous_keys_verify_alongside() {
    let older = "o".repeat(32);
    let previous = format!("old:{older}, ed:EdDSA:{}", fixture("ed25519-b-public.pem"));
    let config = parse(&[
        "--jwt-secret",
        SECRET,
        "--jwt-key-id",
        "new",
        "--jwt-previous-keys",
        &previous,
    ])
    .unwrap();
    let keys = config.key_set().unwrap();
    assert_eq!(
        keys.verifying_key("old").unwrap().algorithm,
        jsonwebtoken::Algorithm::HS256
    );
    assert_eq!(
        keys.verifying_key("ed").unwrap().algorithm,
        jsonwebtoken::Algorithm::EdDSA
    );
    assert!(keys.verifying_key("nope").is_none());
}

#[test]
fn each_bad_key_setting_names_its_variable() {
    let (ed_private, ed_public) = (
        fixture("ed25519-a-private.pem"),
        fixture("ed25519-a-public.pem"),
    );
    let other_public = fixture("ed25519-b-public.pem");
    let rsa_public = fixture("rsa-public.pem");
    let short = format!("old:{}", "s".repeat(10));
    let twice = format!("a:{SECRET},a:{SECRET}");
    let same_as_current = format!("k1:{SECRET}");
    let wrong_kind = format!("rs:RS256:{ed_public}");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--jwt-algorithm", "HS512", "--jwt-secret", SECRET],
            "JWT_ALGORITHM",
        ),
        (
            vec!["--jwt-algorithm", "none", "--jwt-secret", SECRET],
            "JWT_ALGORITHM",
        ),
        (
            vec!["--jwt-key-id", "../k1", "--jwt-secret", SECRET],
            "JWT_KEY_ID",
        ),
        (
            vec!["--jwt-key-id", "", "--jwt-secret", SECRET],
            "JWT_KEY_ID",
        ),
        (
            vec![
                "--jwt-secret",
                SECRET,
                "--jwt-private-key-file",
                &ed_private,
            ],
            "JWT_ALGORITHM",
        ),
        (vec!["--jwt-algorithm", "EdDSA"], "JWT_PRIVATE_KEY_FILE"),
        (
            vec![
                "--jwt-algorithm",
                "EdDSA",
                "--jwt-private-key-file",
                &ed_private,
            ],
            "JWT_PUBLIC_KEY_FILE",
        ),
        (
            vec![
                "--jwt-algorithm",
                "EdDSA",
                "--jwt-private-key-file",
                "/nonexistent.pem",
                "--jwt-public-key-file",
                &ed_public,
            ],
            "JWT_PRIVATE_KEY_FILE",
        ),
        (
            vec![
                "--jwt-algorithm",
                "EdDSA",
                "--jwt-private-key-file",
                &ed_private,
                "--jwt-public-key-file",
                &other_public,
            ],
            "JWT_PUBLIC_KEY_FILE",
        ),
        (
            vec![
                "--jwt-algorithm",
                "RS256",
                "--jwt-private-key-file",
                &ed_private,
                "--jwt-public-key-file",
                &rsa_public,
            ],
            "JWT_PRIVATE_KEY_FILE",
        ),
        (
            vec!["--jwt-secret", SECRET, "--jwt-previous-keys", "nokid"],
            "JWT_PREVIOUS_KEYS",
        ),
        (
            vec!["--jwt-secret", SECRET, "--jwt-previous-keys", &short],
            "JWT_PREVIOUS_KEYS",
        ),
        (
            vec!["--jwt-secret", SECRET, "--jwt-previous-keys", &twice],
            "JWT_PREVIOUS_KEYS",
        ),
        (
            vec![
                "--jwt-secret",
                SECRET,
                "--jwt-previous-keys",
                &same_as_current,
            ],
            "JWT_PREVIOUS_KEYS",
        ),
        (
            vec!["--jwt-secret", SECRET, "--jwt-previous-keys", &wrong_kind],
            "JWT_PREVIOUS_KEYS",
        ),
        (
            vec![
                "--jwt-secret",
                SECRET,
                "--jwt-previous-keys",
                "ed:EdDSA:/nonexistent.pem",
            ],
            "JWT_PREVIOUS_KEYS",
        ),
    ];
    for (flags, variable) in cases {
        let err = parse(&flags).unwrap_err();
        assert_eq!(err.variable, variable, "{flags:?}");
    }
}
