//! The demo content is consistent: every key it uses exists, and it covers what the
//! README and the tests promise.

use std::collections::{HashMap, HashSet};

use sea_orm::Iterable;

use super::*;
use crate::domain::{
    ArticleStatus, CommentStatus, Language, MeetingKind, MeetingRole, QuoteKind, Role,
};

/// ISO 3166-2:KZ codes of the 20 regions the migrations insert.
const REGIONS: [&str; 20] = [
    "KZ-71", "KZ-75", "KZ-79", "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31",
    "KZ-33", "KZ-35", "KZ-39", "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63",
];

fn unique<'a>(what: &str, keys: impl IntoIterator<Item = &'a str>) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for key in keys {
        assert!(seen.insert(key), "duplicate {what}: {key:?}");
    }
    seen
}

fn article(key: &str) -> &'static DemoArticle {
    ARTICLES
        .iter()
        .find(|a| a.key == key)
        .unwrap_or_else(|| panic!("no article {key:?}"))
}

fn user(key: &str) -> &'static DemoUser {
    USERS
        .iter()
        .find(|u| u.key == key)
        .unwrap_or_else(|| panic!("no user {key:?}"))
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// `pattern` with `9` standing for any ASCII digit.
fn matches_digits(s: &str, pattern: &str) -> bool {
    s.len() == pattern.len()
        && s.bytes().zip(pattern.bytes()).all(|(c, p)| {
            if p == b'9' {
                c.is_ascii_digit()
            } else {
                c == p
            }
        })
}

/// Checks the allowed subset of HTML and returns the number of top-level blocks.
fn blocks(key: &str, body: &str) -> usize {
    const ALLOWED: [&str; 7] = ["p", "blockquote", "strong", "em", "ul", "li", "a"];
    let mut open: Vec<&str> = Vec::new();
    let mut count = 0;
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        assert!(
            !open.is_empty() || text.trim().is_empty(),
            "{key}: text outside a block: {text:?}"
        );
        let end = start + rest[start..].find('>').expect("unclosed tag");
        let tag = &rest[start + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop(), Some(name), "{key}: stray </{name}>");
        } else {
            let name = tag.split(' ').next().unwrap_or_default();
            assert!(ALLOWED.contains(&name), "{key}: tag <{tag}> not allowed");
            if name == "a" {
                assert!(
                    tag.starts_with("a href=\"https://") && tag.ends_with('"'),
                    "{key}: <{tag}>"
                );
            } else {
                assert_eq!(tag, name, "{key}: <{tag}> takes no attributes");
            }
            if open.is_empty() {
                assert!(["p", "blockquote", "ul"].contains(&name), "{key}: <{name}>");
                count += 1;
            }
            open.push(name);
        }
        rest = &rest[end + 1..];
    }
    assert!(open.is_empty(), "{key}: unclosed {open:?}");
    assert!(rest.trim().is_empty(), "{key}: text after the last block");
    count
}

#[test]
fn keys_are_unique() {
    unique("user key", USERS.iter().map(|u| u.key));
    unique("user email", USERS.iter().map(|u| u.email));
    unique("tag slug", TAGS.iter().map(|t| t.slug));
    unique("tag name", TAGS.iter().map(|t| t.name));
    unique("participant key", PARTICIPANTS.iter().map(|p| p.key));
    unique("meeting key", MEETINGS.iter().map(|m| m.key));
    unique("meeting title", MEETINGS.iter().map(|m| m.title));
    unique("article key", ARTICLES.iter().map(|a| a.key));
    unique("comment key", COMMENTS.iter().map(|c| c.key));
    // Slugs come from titles and must be unique per language.
    for lang in Language::iter() {
        unique(
            "title",
            ARTICLES.iter().filter(|a| a.lang == lang).map(|a| a.title),
        );
    }
    let keys = USERS.iter().map(|u| u.key);
    let keys = keys.chain(PARTICIPANTS.iter().map(|p| p.key));
    let keys = keys.chain(MEETINGS.iter().map(|m| m.key));
    let keys = keys.chain(ARTICLES.iter().map(|a| a.key));
    for key in keys.chain(COMMENTS.iter().map(|c| c.key)) {
        assert!(is_key(key), "{key:?} is not a snake_case key");
    }
}

#[test]
fn users_cover_every_role() {
    for role in Role::iter() {
        assert!(USERS.iter().any(|u| u.role == role), "no {}", role.as_str());
    }
    for u in USERS {
        assert!(u.email.ends_with("@demo.polisia.kz"), "{}", u.email);
        assert!(u.password.starts_with("demo-") && u.password.len() >= 12);
        assert!(!u.display_name.is_empty());
    }
}

#[test]
fn tags_have_slugs_and_are_used() {
    for t in TAGS {
        assert!(is_slug(t.slug), "{:?}", t.slug);
        assert!(!t.name.is_empty() && t.name.chars().count() <= 96);
        assert!(
            ARTICLES.iter().any(|a| a.tags.contains(&t.slug)),
            "tag {} is unused",
            t.slug
        );
    }
}

#[test]
fn participants_are_valid_and_used() {
    for p in PARTICIPANTS {
        assert!(!p.full_name_ru.is_empty());
        if let Some(code) = p.region_code {
            assert!(REGIONS.contains(&code), "{}: region {code}", p.key);
        }
        assert!(p.honours.iter().all(|h| !h.is_empty()), "{}", p.key);
        let in_meeting = MEETINGS
            .iter()
            .any(|m| m.participants.iter().any(|mp| mp.participant == p.key));
        let in_article = ARTICLES.iter().any(|a| a.participants.contains(&p.key));
        assert!(in_meeting || in_article, "participant {} is unused", p.key);
    }
    let honours: Vec<&str> = PARTICIPANTS
        .iter()
        .flat_map(|p| p.honours)
        .copied()
        .collect();
    for needle in [
        "почётный гражданин",
        "почётный ветеран органов внутренних дел",
        "маслихата",
    ] {
        assert!(honours.iter().any(|h| h.contains(needle)), "{needle}");
    }
}

#[test]
fn meetings_are_valid_and_covered() {
    let participants: HashSet<&str> = PARTICIPANTS.iter().map(|p| p.key).collect();
    for m in MEETINGS {
        assert!(matches_digits(m.held_on, "9999-99-99"), "{}", m.held_on);
        assert!(REGIONS.contains(&m.region_code), "{}", m.key);
        assert!((2..=4).contains(&m.agenda.len()), "{}: agenda", m.key);
        assert!((3..=6).contains(&m.participants.len()), "{}: people", m.key);
        unique(
            "meeting participant",
            m.participants.iter().map(|mp| mp.participant),
        );
        for mp in m.participants {
            assert!(participants.contains(mp.participant), "{}", mp.participant);
        }
        let chairs = m
            .participants
            .iter()
            .filter(|mp| mp.role == MeetingRole::Chair);
        if m.kind == MeetingKind::AdvisoryCouncil {
            assert_eq!(chairs.count(), 1, "{}: one chair", m.key);
        } else {
            assert!(chairs.count() <= 1, "{}: chairs", m.key);
        }

        let took_part = |q: &DemoQuote| {
            q.participant
                .is_some_and(|p| m.participants.iter().any(|mp| mp.participant == p))
        };
        let covering: Vec<&DemoArticle> = ARTICLES
            .iter()
            .filter(|a| a.meeting == Some(m.key))
            .collect();
        for a in &covering {
            assert_eq!(a.region_code, Some(m.region_code), "{}", a.key);
        }
        let quoted = covering
            .iter()
            .filter(|a| a.quotes.iter().any(took_part))
            .count();
        assert!(quoted >= 2, "{}: quoted in {quoted} articles", m.key);
        assert!(
            covering
                .iter()
                .flat_map(|a| a.quotes)
                .any(|q| took_part(q) && q.kind == QuoteKind::Paraphrase),
            "{}: no paraphrase",
            m.key
        );
    }
    assert!(MEETINGS.iter().any(|m| m.region_code == "KZ-43"
        && m.kind == MeetingKind::AdvisoryCouncil
        && m.agenda.iter().any(|i| i.title.contains("2024–2028"))));
}

#[test]
fn articles_reference_what_exists() {
    let tags: HashSet<&str> = TAGS.iter().map(|t| t.slug).collect();
    let meetings: HashSet<&str> = MEETINGS.iter().map(|m| m.key).collect();
    let participants: HashSet<&str> = PARTICIPANTS.iter().map(|p| p.key).collect();
    let position: HashMap<&str, usize> = ARTICLES
        .iter()
        .enumerate()
        .map(|(i, a)| (a.key, i))
        .collect();
    let mut translations = HashSet::new();
    for (i, a) in ARTICLES.iter().enumerate() {
        let k = a.key;
        if let Some(code) = a.region_code {
            assert!(REGIONS.contains(&code), "{k}: region {code}");
        }
        assert_ne!(user(a.author).role, Role::Reader, "{k}: author");
        assert_ne!(user(a.author).role, Role::Moderator, "{k}: author");
        unique("article tag", a.tags.iter().copied());
        assert!(a.tags.iter().all(|t| tags.contains(t)), "{k}: {:?}", a.tags);
        if let Some(m) = a.meeting {
            assert!(meetings.contains(m), "{k}: meeting {m}");
        }
        unique("article participant", a.participants.iter().copied());
        for p in a.participants {
            assert!(participants.contains(p), "{k}: participant {p}");
        }
        for q in a.quotes {
            if let Some(p) = q.participant {
                assert!(a.participants.contains(&p), "{k}: {p} quoted, not listed");
            }
        }
        unique("related article", a.related.iter().copied());
        for r in a.related {
            assert!(position.contains_key(r), "{k}: related {r}");
            assert_ne!(*r, k, "{k} relates to itself");
        }
        if let Some(original) = a.translation_of {
            let o = article(original);
            // The inserter gives a translation its original's group: originals first.
            assert!(position[original] < i, "{k}: translation before {original}");
            assert_eq!(
                o.lang,
                Language::Ru,
                "{k}: translates a non-Russian article"
            );
            assert_eq!(o.translation_of, None, "{k}: translates a translation");
            assert_ne!(a.lang, o.lang, "{k}");
            assert_eq!(a.region_code, o.region_code, "{k}");
            assert_eq!(a.meeting, o.meeting, "{k}");
            assert!(translations.insert((original, a.lang)), "{k}: twice");
        }
    }
}

#[test]
fn publication_matches_status() {
    let mut times = HashSet::new();
    for a in ARTICLES {
        match (a.status, a.published) {
            (
                ArticleStatus::Published | ArticleStatus::Archived | ArticleStatus::Retracted,
                DemoPublication::At(t),
            ) => {
                assert!(matches_digits(t, "9999-99-99T99:99:99Z"), "{}: {t}", a.key);
                assert!(("2024-01-01".."2026-12-01").contains(&t), "{}: {t}", a.key);
                assert!(times.insert(t), "{}: time {t} taken", a.key);
            }
            (ArticleStatus::Published, DemoPublication::ScheduledInDays(days)) => {
                assert!(days > 0)
            }
            (ArticleStatus::Draft | ArticleStatus::InReview, DemoPublication::Unpublished) => {}
            (status, published) => panic!("{}: {} with {published:?}", a.key, status.as_str()),
        }
    }
    let scheduled = ARTICLES
        .iter()
        .filter(|a| matches!(a.published, DemoPublication::ScheduledInDays(_)));
    assert_eq!(scheduled.count(), 1);
}

#[test]
fn article_text_follows_house_style() {
    for a in ARTICLES {
        let k = a.key;
        assert!((1..=300).contains(&a.title.chars().count()), "{k}: title");
        let lead = a.lead.unwrap_or_else(|| panic!("{k}: no lead"));
        let attribution = match a.lang {
            Language::Ru => ", передает Polisia.kz.",
            Language::Kk => ", деп хабарлайды Polisia.kz.",
            Language::En => ", Polisia.kz reports.",
        };
        assert!(lead.ends_with(attribution), "{k}: lead attribution");
        if a.lang == Language::Kk {
            let kazakh = |c: char| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c);
            assert!(
                a.title.chars().any(kazakh) && a.body.chars().any(kazakh),
                "{k}"
            );
        }
        assert!((3..=7).contains(&blocks(k, a.body)), "{k}: paragraphs");
        // No entities to get wrong: every character is written as itself.
        assert!(!a.body.contains('&'), "{k}: '&' in body");
        for q in a.quotes {
            assert!(!q.text.is_empty(), "{k}: empty quote");
            if q.kind == QuoteKind::Direct {
                let words = q.text.trim_end_matches(['.', '!', '?']);
                assert!(a.body.contains(words), "{k}: quote not in body: {words}");
            }
        }
        if let Some(url) = a.cover_image_url {
            // A cover the service itself serves; translations share their story's.
            let name = url
                .strip_prefix(crate::api::media::DEMO_COVERS_PATH)
                .unwrap_or_else(|| panic!("{k}: {url} is not a demo cover"));
            assert!(crate::api::media::has_cover(name), "{k}: no file {name}");
            assert!(
                k.trim_end_matches("_kk").trim_end_matches("_en") == name.trim_end_matches(".jpg"),
                "{k}: {name}"
            );
            assert!(a.cover_image_alt.is_some_and(|alt| !alt.is_empty()), "{k}");
        }
        assert!(matches!(a.source, None | Some("Polisia.kz")), "{k}: source");
    }
}

#[test]
fn content_has_the_promised_spread() {
    assert!(ARTICLES.len() >= 30, "{} articles", ARTICLES.len());
    for status in ArticleStatus::iter() {
        assert!(
            ARTICLES.iter().any(|a| a.status == status),
            "no {}",
            status.as_str()
        );
    }
    let regions: HashSet<_> = ARTICLES.iter().filter_map(|a| a.region_code).collect();
    assert!(regions.len() >= 6, "{} regions", regions.len());
    let in_lang = |lang| ARTICLES.iter().filter(move |a| a.lang == lang);
    assert!(in_lang(Language::Kk).count() >= 6);
    assert!(in_lang(Language::En).count() >= 5);
    let translated = ARTICLES.iter().filter(|a| a.translation_of.is_some());
    assert!(translated.count() >= 4);
    assert!(ARTICLES.iter().filter(|a| !a.related.is_empty()).count() >= 5);
    assert_eq!(MEETINGS.len(), 3);
}

#[test]
fn comments_are_valid() {
    let position: HashMap<&str, usize> = COMMENTS
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key, i))
        .collect();
    for (i, c) in COMMENTS.iter().enumerate() {
        let k = c.key;
        let a = article(c.article);
        assert!(
            matches!(a.published, DemoPublication::At(_)) && a.status == ArticleStatus::Published,
            "{k}: comment on an unpublished article"
        );
        assert!(
            !c.body.trim().is_empty() && !c.author_name.is_empty(),
            "{k}"
        );
        match c.user {
            Some(u) => {
                let u = user(u);
                assert_eq!((c.author_name, c.author_email), (u.display_name, u.email));
            }
            None => {
                let domain = c.author_email.rsplit_once('@').map(|(_, d)| d);
                let domain = domain.unwrap_or_else(|| panic!("{k}: email"));
                assert!(
                    ["example.com", "example.org"]
                        .iter()
                        .any(|d| domain == *d || domain.ends_with(&format!(".{d}"))),
                    "{k}: {domain}"
                );
            }
        }
        // Replies nest at most two deep, under an older comment on the same article.
        let mut depth = 0;
        let mut child = c;
        while let Some(parent) = child.parent {
            let p = &COMMENTS[position[parent]];
            assert!(position[parent] < i, "{k}: reply listed before {parent}");
            assert_eq!(p.article, c.article, "{k}: parent on another article");
            assert!(p.minutes_after_publication < child.minutes_after_publication);
            depth += 1;
            child = p;
        }
        assert!(depth <= 2, "{k}: depth {depth}");
    }
    for status in CommentStatus::iter() {
        assert!(
            COMMENTS.iter().any(|c| c.status == status),
            "no {}",
            status.as_str()
        );
    }
    let articles: HashSet<_> = COMMENTS.iter().map(|c| c.article).collect();
    assert!(articles.len() >= 8);
    assert!(COMMENTS.iter().any(|c| {
        c.parent
            .is_some_and(|p| COMMENTS[position[p]].parent.is_some())
    }));
    assert!(COMMENTS.iter().filter(|c| c.user == Some("reader")).count() >= 2);
    assert!(
        COMMENTS
            .iter()
            .any(|c| c.status == CommentStatus::Spam && c.body.contains("http"))
    );
    assert!(
        COMMENTS
            .iter()
            .any(|c| c.status == CommentStatus::Approved && c.body.contains("<b>not markup</b>"))
    );
}

#[test]
fn corrections_and_retractions_follow_their_articles() {
    let published_at = |key: &str| match article(key).published {
        DemoPublication::At(t) => t,
        other => panic!("{key}: {other:?}"),
    };
    for c in CORRECTIONS {
        let a = article(c.article);
        assert_eq!(a.status, ArticleStatus::Published, "{}", c.article);
        assert!(matches_digits(c.at, "9999-99-99T99:99:99Z"), "{}", c.at);
        assert!(
            c.at > published_at(c.article),
            "{}: before publication",
            c.at
        );
        assert!(!c.text.trim().is_empty() && c.text.chars().count() <= 2000);
    }
    let langs: HashSet<_> = CORRECTIONS
        .iter()
        .map(|c| article(c.article).lang)
        .collect();
    assert_eq!(langs.len(), 3, "a correction in each language");
    let retracted: HashSet<_> = ARTICLES
        .iter()
        .filter(|a| a.status == ArticleStatus::Retracted)
        .map(|a| a.key)
        .collect();
    let noticed: HashSet<_> = RETRACTIONS.iter().map(|r| r.article).collect();
    assert_eq!(retracted, noticed, "each retracted article has one notice");
    for r in RETRACTIONS {
        assert!(
            r.at > published_at(r.article),
            "{}: before publication",
            r.at
        );
        assert!(!r.reason.trim().is_empty());
    }
}

#[test]
fn every_article_has_a_section_and_bylines_name_real_articles() {
    for a in ARTICLES {
        assert!(super::placement::section(a.key).is_some(), "{}", a.key);
    }
    for (key, _) in super::placement::SECTIONS {
        article(key);
    }
    let mut places = HashSet::new();
    for (key, place) in super::placement::FEATURED {
        let a = article(key);
        assert!((1..=20).contains(place), "{key}");
        assert!(
            places.insert((a.lang, *place)),
            "{key}: one article per place"
        );
    }
    for (key, (ru, kk, en)) in super::placement::BYLINES {
        article(key);
        assert!(![ru, kk, en].iter().any(|t| t.is_empty()), "{key}");
    }
}

#[test]
fn every_section_without_subsections_holds_articles_and_searches_speak_three_languages() {
    use crate::domain::Section;
    let in_section = |section: Section| {
        ARTICLES
            .iter()
            .filter(move |a| super::placement::section(a.key) == Some(section))
    };
    for section in Section::ALL {
        if section.children().is_empty() {
            assert!(in_section(section).next().is_some(), "{}", section.code());
        }
    }
    for section in [Section::Wanted, Section::MissingPersons] {
        let langs: HashSet<Language> = in_section(section).map(|a| a.lang).collect();
        assert_eq!(langs.len(), 3, "{}: {langs:?}", section.code());
    }
}
