//! The vocabularies articles are filed under: tags and the names of regions.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use crate::{
    api::graphql::{
        context::ContextExt,
        ids::{self, NodeKind},
        region::Region,
        tag::Tag,
    },
    editorial::{self, input},
};

/// A new tag.
#[derive(SimpleObject)]
pub struct TagPayload {
    /// The tag as created, with the slug made from its name.
    pub tag: Tag,
}

/// A region with changed names.
#[derive(SimpleObject)]
pub struct RegionPayload {
    /// The region with its names as saved.
    pub region: Region,
}

/// New names of a region.
#[derive(InputObject)]
pub struct UpdateRegionInput {
    /// A new name in Kazakh, at most 128 characters; absent keeps the current one.
    pub name_kk: Option<String>,
    /// A new name in Russian, at most 128 characters; absent keeps the current one.
    pub name_ru: Option<String>,
    /// A new name in English, at most 128 characters; absent keeps the current one.
    pub name_en: Option<String>,
}

/// New names of a tag; absent fields stay, `null` clears a translation.
#[derive(InputObject)]
pub struct UpdateTagInput {
    /// A new Russian name, one line of at most 96 characters (the slug stays).
    pub name: Option<String>,
    /// A new Kazakh name; `null` removes it.
    pub name_kk: MaybeUndefined<String>,
    /// A new English name; `null` removes it.
    pub name_en: MaybeUndefined<String>,
}

/// Creating tags and renaming regions.
#[derive(Default)]
pub struct TaxonomyMutation;

#[Object]
impl TaxonomyMutation {
    /// Creates a tag; its slug comes from the name (EDITOR, ADMIN).
    async fn create_tag(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The tag's display name: one line, at most 96 characters, with letters or digits. A tag whose name gives the same slug answers CONFLICT."
        )]
        name: String,
        #[graphql(
            desc = "The name in Kazakh (`name` is Russian): one line, at most 96 characters; absent, Kazakh readers get the Russian."
        )]
        name_kk: Option<String>,
        #[graphql(
            desc = "The name in English: one line, at most 96 characters; absent, English readers get the Russian."
        )]
        name_en: Option<String>,
    ) -> async_graphql::Result<TagPayload> {
        let names = input::TagNamesInput {
            name: Some(name),
            name_kk: Some(name_kk),
            name_en: Some(name_en),
        };
        let tag = editorial::create_tag_named(ctx.db(), ctx.viewer(), names, ctx.now()).await?;
        Ok(TagPayload { tag: Tag::new(tag) })
    }

    /// Changes a tag's names; its slug stays (EDITOR, ADMIN).
    async fn update_tag(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the tag.")] id: ID,
        #[graphql(desc = "The names to change.")] input: UpdateTagInput,
    ) -> async_graphql::Result<TagPayload> {
        let uuid = ids::decode_as(&id, NodeKind::Tag, "id")?;
        let names = input::TagNamesInput {
            name: input.name,
            name_kk: super::maybe(input.name_kk),
            name_en: super::maybe(input.name_en),
        };
        let tag = editorial::update_tag(ctx.db(), ctx.viewer(), uuid, names, ctx.now()).await?;
        Ok(TagPayload { tag: Tag::new(tag) })
    }

    /// Renames a region in any of its languages (ADMIN).
    async fn update_region(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the region.")] id: ID,
        #[graphql(desc = "The names to change.")] input: UpdateRegionInput,
    ) -> async_graphql::Result<RegionPayload> {
        let uuid = ids::decode_as(&id, NodeKind::Region, "id")?;
        let names = input::RegionNamesInput {
            name_kk: input.name_kk,
            name_ru: input.name_ru,
            name_en: input.name_en,
        };
        let region =
            editorial::update_region(ctx.db(), ctx.viewer(), uuid, names, ctx.now()).await?;
        Ok(RegionPayload {
            region: Region::new(region),
        })
    }
}
