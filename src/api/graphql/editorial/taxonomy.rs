//! The vocabularies articles are filed under: tags and the names of regions.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};

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
    ) -> async_graphql::Result<TagPayload> {
        let tag = editorial::create_tag(ctx.db(), ctx.viewer(), &name, ctx.now()).await?;
        Ok(TagPayload { tag: Tag(tag) })
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
