//! The baseline of `scripts/bench-pages.sh`: a bare axum server answering "Hello, World!",
//! built with the same axum, tokio and release profile as the real server.
//!
//!   cargo run --release -p server --example hello -- 127.0.0.1:3199

use axum::routing::get;
use axum::Router;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:3199".into());
    let app = Router::new().route("/", get(|| async { "Hello, World!" }));
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    axum::serve(listener, app).await
}
