//! Staff accounts of every role and a registered reader.

use crate::domain::Role;

/// A staff account or registered reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoUser {
    pub key: &'static str,
    pub email: &'static str,
    pub display_name: &'static str,
    pub role: Role,
    /// Demo-only, listed in the README.
    pub password: &'static str,
}

pub static USERS: &[DemoUser] = &[
    DemoUser {
        key: "admin",
        email: "admin@demo.polisia.kz",
        display_name: "Администратор портала",
        role: Role::Admin,
        password: "demo-admin-2026",
    },
    DemoUser {
        key: "editor",
        email: "editor@demo.polisia.kz",
        display_name: "Айгерим Сапарова",
        role: Role::Editor,
        password: "demo-editor-2026",
    },
    DemoUser {
        key: "author",
        email: "author@demo.polisia.kz",
        display_name: "Данияр Ахметов",
        role: Role::Author,
        password: "demo-author-2026",
    },
    DemoUser {
        key: "author2",
        email: "author2@demo.polisia.kz",
        display_name: "Жанар Исаева",
        role: Role::Author,
        password: "demo-author2-2026",
    },
    DemoUser {
        key: "moderator",
        email: "moderator@demo.polisia.kz",
        display_name: "Марат Жумабеков",
        role: Role::Moderator,
        password: "demo-moderator-2026",
    },
    DemoUser {
        key: "reader",
        email: "reader@demo.polisia.kz",
        display_name: "Асель Нурланова",
        role: Role::Reader,
        password: "demo-reader-2026",
    },
];
