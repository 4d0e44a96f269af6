//! Start-up and logs as an operator sees them: a busy address, standard error.

use crate::cli::BIN;

#[test]
fn a_busy_bind_address_stops_start_up_before_the_data_directory_is_touched() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let output = std::process::Command::new(BIN)
        .arg("serve")
        .env_clear()
        .current_dir(dir.path())
        .env("BIND", &addr)
        .env("DATA_DIR", &data)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("BIND {addr}: the address is in use")),
        "{stderr}"
    );
    assert!(
        !data.exists(),
        "nothing is written before the address is bound"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}
