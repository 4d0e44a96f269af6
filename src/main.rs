//! The polisia-api binary: serve, migrate, seed, create users, export contracts.

use std::process::ExitCode;

use mimalloc::MiMalloc;

use clap::{Args, Parser, Subcommand};
use polisia_api::{
    api,
    auth::password,
    config::{Config, ConfigArgs},
    db,
    domain::{Role, time::Clock},
    seed, startup, store, telemetry,
};

/// Every allocation of the service: a request allocates and frees thousands of small
/// objects on whichever worker thread runs it, which glibc's malloc serves slowly.
#[global_allocator]
static ALLOCATOR: MiMalloc = MiMalloc;

#[derive(Parser)]
#[command(
    name = "polisia-api",
    version,
    about = "Content API of a police news portal"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (the default).
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo content, or with --articles a large synthetic data set.
    SeedDemo(SeedArgs),
    /// Create a user account (the first ADMIN comes from here).
    CreateUser(CreateUserArgs),
    /// Print the GraphQL schema (SDL).
    ExportSchema,
    /// Print the OpenAPI document (JSON).
    ExportOpenapi,
}

#[derive(Args, Default)]
struct ServeArgs {
    /// Apply pending migrations to DATABASE_URL before serving (the embedded default
    /// is always migrated).
    #[arg(long, env = "MIGRATE_ON_START")]
    migrate: bool,
}

#[derive(Args)]
struct SeedArgs {
    /// Generate this many synthetic articles (with comments) instead of the demo content.
    #[arg(long)]
    articles: Option<u32>,
    /// Average comments per synthetic article.
    #[arg(long, default_value_t = 5)]
    comments_per_article: u32,
}

#[derive(Args)]
struct CreateUserArgs {
    /// Email address to sign in with.
    #[arg(long)]
    email: String,
    /// Password (at least 8 characters).
    #[arg(long, env = "CREATE_USER_PASSWORD", hide_env_values = true)]
    password: String,
    /// ADMIN, EDITOR, AUTHOR, MODERATOR or READER.
    #[arg(long, value_parser = parse_role)]
    role: Role,
    /// Name shown publicly.
    #[arg(long)]
    name: String,
}

fn parse_role(raw: &str) -> Result<Role, String> {
    use sea_orm::ActiveEnum;
    Role::try_from_value(&raw.trim().to_ascii_uppercase())
        .map_err(|_| "expected ADMIN, EDITOR, AUTHOR, MODERATOR or READER".to_owned())
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    // Contracts are printed without touching configuration or the database.
    match &cli.command {
        Some(Command::ExportSchema) => {
            print!("{}", api::graphql::sdl());
            return ExitCode::SUCCESS;
        }
        Some(Command::ExportOpenapi) => {
            println!("{}", api::openapi::document_json());
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    let config = match Config::from_args(&cli.config) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    telemetry::init_logging(config.log_format);
    let outcome = match cli.command.unwrap_or(Command::Serve(ServeArgs::default())) {
        Command::Serve(args) => serve(config, args).await,
        Command::Migrate => migrate(config).await,
        Command::SeedDemo(args) => seed_demo(config, args).await,
        Command::CreateUser(args) => create_user(config, args).await,
        Command::ExportSchema | Command::ExportOpenapi => unreachable!("handled above"),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config, args: ServeArgs) -> Result<(), String> {
    let started = std::time::Instant::now();
    // Before `prepare`: a busy address must not leave a data directory behind.
    let listener = startup::bind(config.bind)
        .await
        .map_err(|e| e.to_string())?;
    let state = startup::prepare(config, args.migrate, Clock::system())
        .await
        .map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    tracing::info!(
        "listening on http://{addr} (GraphiQL at /graphql), ready in {} ms",
        started.elapsed().as_millis()
    );
    startup::serve(state, listener, startup::shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

async fn open(config: &Config) -> Result<db::Db, String> {
    if let polisia_api::config::DatabaseChoice::Embedded(dir) = &config.database {
        std::fs::create_dir_all(dir).map_err(|e| format!("the data directory: {e}"))?;
    }
    db::connect(&config.database.url())
        .await
        .map_err(|e| format!("the database cannot be opened: {e}"))
}

async fn migrate(config: Config) -> Result<(), String> {
    let db = open(&config).await?;
    let pending = db::pending_migrations(&db.conn)
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!("applying {pending} migration(s)");
    db.conn.close().await.map_err(|e| e.to_string())?;
    db::migrate_url(&config.database.url())
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!("migrations are current");
    Ok(())
}

async fn seed_demo(config: Config, args: SeedArgs) -> Result<(), String> {
    db::migrate_url(&config.database.url())
        .await
        .map_err(|e| e.to_string())?;
    let db = open(&config).await?;
    match args.articles {
        Some(count) => seed::bulk::generate(
            &db.conn,
            count,
            args.comments_per_article,
            Clock::system().now(),
        )
        .await
        .map_err(|e| e.to_string()),
        None => {
            if !seed::is_empty(&db.conn).await.map_err(|e| e.to_string())? {
                return Err("the database already holds content; demo content is loaded only into an empty one".into());
            }
            let clock = Clock::system();
            seed::demo::load(&db.conn, clock.now())
                .await
                .map_err(|e| e.to_string())?;
            // The photos are stored where the service keeps its images; their
            // renditions are made before the command ends.
            let media = polisia_api::media::Media::open(config.media.clone())?;
            seed::photos::attach(&db.conn, &media, &clock)
                .await
                .map_err(|e| e.describe())?;
            media.idle().await;
            Ok(())
        }
    }
}

async fn create_user(config: Config, args: CreateUserArgs) -> Result<(), String> {
    if args.password.chars().count() < 8 {
        return Err("the password must have at least 8 characters".into());
    }
    db::migrate_url(&config.database.url())
        .await
        .map_err(|e| e.to_string())?;
    let db = open(&config).await?;
    let hash = password::hash(&args.password).map_err(|e| e.to_string())?;
    let user = store::users::create(
        &db.conn,
        &args.email,
        &args.name,
        args.role,
        hash,
        Clock::system().now(),
    )
    .await
    .map_err(|e| e.describe())?;
    println!(
        "created {} {} ({})",
        args.role.as_str(),
        user.email,
        user.id
    );
    Ok(())
}
