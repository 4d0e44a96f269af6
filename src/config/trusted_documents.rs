//! Which GraphQL documents the public may run, read from the environment; the
//! documents themselves and the rule are in `crate::trusted_documents`.

use clap::Args;

use crate::error::{ConfigError, invalid};

/// The settings, as the environment gives them.
#[derive(Debug, Clone, Args, Default)]
pub struct TrustedDocumentArgs {
    /// `true`: anonymous and API-key clients may run only trusted documents, sent by
    /// hash; signed-in staff keep their own queries.
    #[arg(
        long,
        env = "TRUSTED_DOCUMENTS_ONLY",
        global = true,
        default_value = "false"
    )]
    pub trusted_documents_only: String,

    /// A manifest of documents to trust, read at start-up (JSON: hash to document,
    /// as GraphQL Code Generator writes `persisted-documents.json`). Empty: none.
    #[arg(
        long,
        env = "TRUSTED_DOCUMENTS_FILE",
        global = true,
        default_value = ""
    )]
    pub trusted_documents_file: String,
}

/// The settings, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedDocumentSettings {
    /// Whether the public is held to the trusted documents.
    pub only: bool,
    /// The manifest read at start-up.
    pub file: Option<std::path::PathBuf>,
}

impl TrustedDocumentSettings {
    /// Checks and parses the settings.
    pub fn from_args(args: &TrustedDocumentArgs) -> Result<Self, ConfigError> {
        let only = super::parse_bool(&args.trusted_documents_only)
            .ok_or_else(|| invalid("TRUSTED_DOCUMENTS_ONLY", "`true` or `false`"))?;
        let file = Some(args.trusted_documents_file.trim())
            .filter(|path| !path.is_empty())
            .map(std::path::PathBuf::from);
        Ok(TrustedDocumentSettings { only, file })
    }
}
