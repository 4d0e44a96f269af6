//! Uploaded images: upload over REST and GraphQL, refusals, metadata removed,
//! renditions and crops, serving, and the S3-compatible store.

mod attachments;
mod orphans;
mod photos;
pub mod pictures;
mod renditions;
mod s3;
mod serving;
mod shown;
mod syndication;
mod upload;
