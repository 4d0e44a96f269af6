//! Python tools from PyPI that some tests check the service against (a webhook
//! receiver verifying signatures, an S3-compatible server), each installed once per
//! test run into its own virtual environment under Cargo's temporary directory.
//! Without Python or PyPI those tests fail: nothing else checks what they check.

use std::path::PathBuf;

use tokio::{process::Command, sync::OnceCell};

/// The interpreter of the environment `name` holding `requirement` (a pip
/// requirement such as `moto[server]==5.1.18`), made on first use: `cell` keeps it
/// for the rest of the run, and a marker file for later runs.
pub async fn venv(
    cell: &'static OnceCell<PathBuf>,
    name: &str,
    requirement: &str,
) -> &'static PathBuf {
    cell.get_or_init(|| async {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
        let python = dir.join("bin").join("python");
        let marker = dir.join(".installed");
        if std::fs::read_to_string(&marker).ok().as_deref() != Some(requirement) {
            let made = Command::new("python3")
                .args(["-m", "venv", "--clear"])
                .arg(&dir)
                .status()
                .await
                .expect("python3 runs (this test needs it)");
            assert!(made.success(), "python3 -m venv made {name}");
            let installed = Command::new(&python)
                .args(["-m", "pip", "install", "--quiet", requirement])
                .status()
                .await
                .expect("pip runs");
            assert!(installed.success(), "pip installed {requirement}");
            std::fs::write(&marker, requirement).unwrap();
        }
        python
    })
    .await
}
