//! A bad configuration value stops start-up with exit code 2 and one line naming it.

use crate::cli::BIN;

fn start_with(env: &[(&str, &str)]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let mut command = std::process::Command::new(BIN);
    command
        .arg("serve")
        .env_clear()
        .current_dir(dir.path())
        .env("BIND", "127.0.0.1:0");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("the binary runs")
}

#[test]
fn each_bad_value_fails_start_up_naming_its_variable() {
    let secret = ("JWT_SECRET", "0123456789abcdef0123456789abcdef");
    let cases: [(&[(&str, &str)], &str); 11] = [
        (&[("BIND", "not-an-address")], "BIND"),
        (&[("BIND", "127.0.0.1:99999")], "BIND"),
        (
            &[("DATABASE_URL", "mysql://localhost/x"), secret],
            "DATABASE_URL",
        ),
        (&[("DATABASE_URL", "postgres://localhost/x")], "JWT_SECRET"),
        (&[("JWT_SECRET", "too-short")], "JWT_SECRET"),
        (&[("PUBLIC_BASE_URL", "polisia.kz")], "PUBLIC_BASE_URL"),
        (&[("LOG_FORMAT", "yaml")], "LOG_FORMAT"),
        (&[("CORS_ORIGINS", "not an origin")], "CORS_ORIGINS"),
        (
            &[("TRUSTED_PROXIES", "10.0.0.0/8, nginx")],
            "TRUSTED_PROXIES",
        ),
        (
            &[("COMMENT_HONEYPOT_FIELD", "website")],
            "COMMENT_HONEYPOT_FIELD",
        ),
        (
            &[("REFRESH_GRACE_SECONDS", "3600")],
            "REFRESH_GRACE_SECONDS",
        ),
    ];
    for (env, variable) in cases {
        let output = start_with(env);
        assert_eq!(output.status.code(), Some(2), "{env:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
        assert!(
            stderr.contains(variable),
            "{env:?} names {variable}: {stderr}"
        );
        assert!(
            stderr.contains("expected"),
            "says what it expects: {stderr}"
        );
    }
}
