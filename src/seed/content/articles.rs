//! Articles in three languages, with their quotes, people, tags and "read also".

use crate::domain::{ArticleStatus, Language, QuoteKind};

/// Words of a person in an article, in article order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoQuote {
    /// A [`DemoParticipant::key`](super::DemoParticipant::key); `None` for a resident or
    /// another unnamed speaker.
    pub participant: Option<&'static str>,
    pub text: &'static str,
    /// [`QuoteKind::Direct`] when the body carries these exact words.
    pub kind: QuoteKind,
}

/// When an article appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoPublication {
    /// A fixed moment, RFC 3339 in UTC.
    At(&'static str),
    /// This many days after seeding, so a fresh database always has a scheduled article.
    ScheduledInDays(u32),
    /// Not published (drafts and articles in review).
    Unpublished,
}

/// An article with everything that hangs on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoArticle {
    pub key: &'static str,
    pub lang: Language,
    /// The key of the Russian original this article translates.
    pub translation_of: Option<&'static str>,
    pub title: &'static str,
    pub lead: Option<&'static str>,
    /// HTML limited to `<p>`, `<blockquote>`, `<strong>`, `<em>`, `<ul><li>`, `<a href>`.
    pub body: &'static str,
    pub status: ArticleStatus,
    pub published: DemoPublication,
    pub region_code: Option<&'static str>,
    /// A [`DemoUser::key`](super::DemoUser::key).
    pub author: &'static str,
    /// [`DemoTag::slug`](super::DemoTag::slug)s.
    pub tags: &'static [&'static str],
    /// A [`DemoMeeting::key`](super::DemoMeeting::key).
    pub meeting: Option<&'static str>,
    /// Participant keys of the people mentioned, in order of appearance.
    pub participants: &'static [&'static str],
    pub quotes: &'static [DemoQuote],
    /// Editor-chosen "read also" article keys, in display order.
    pub related: &'static [&'static str],
    pub cover_image_url: Option<&'static str>,
    pub cover_image_alt: Option<&'static str>,
    pub source: Option<&'static str>,
}

pub static ARTICLES: &[DemoArticle] = &[
    DemoArticle {
        key: "alm_obl_livestock",
        lang: Language::Ru,
        translation_of: None,
        title: "В Алматинской области задержали подозреваемых в серии краж скота",
        lead: Some(
            "Полицейские Алматинской области задержали группу подозреваемых в кражах скота с пастбищ Илийского и Карасайского районов, передает Polisia.kz.",
        ),
        body: "<p>С осени в полицию обращались фермеры Илийского и Карасайского районов: с отгонных пастбищ по ночам пропадали лошади и коровы.</p>\
<p>Оперативники вышли на группу из четырёх человек. По версии следствия, они перегоняли животных к грузовику, а мясо затем продавали на рынках. При задержании изъяты автомобиль и бланки поддельных ветеринарных справок.</p>\
<p>Владельцам уже вернули 11 голов скота. Досудебное расследование продолжается, полицейские проверяют причастность задержанных к другим кражам.</p>\
<p>Полиция советует фермерам клеймить и чипировать животных: так их проще опознать и вернуть хозяевам.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2024-01-23T05:45:00Z"),
        region_code: Some("KZ-19"),
        author: "author",
        tags: &["proisshestviya"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &[],
        cover_image_url: Some("/media/demo/alm_obl_livestock.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-19"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ast_holiday_schedule",
        lang: Language::Ru,
        translation_of: None,
        title: "Как будут работать приёмные полиции в праздничные дни Наурыза",
        lead: Some(
            "Полиция сообщила, как в праздничные дни Наурыза будут работать приёмные для граждан и дежурные части, передает Polisia.kz.",
        ),
        body: "<p>В праздничные дни Наурыза приёмные территориальных подразделений полиции работают по сокращённому графику: с 10:00 до 14:00.</p>\
<p>Дежурные части, патрульная полиция и участковые пункты работают в обычном режиме. Заявления о преступлениях и происшествиях принимаются круглосуточно.</p>\
<p>В экстренных случаях звоните по номеру <strong>102</strong>. Справки и выписки можно заказать на портале электронного правительства, не выходя из дома.</p>",
        status: ArticleStatus::Archived,
        published: DemoPublication::At("2024-03-18T04:00:00Z"),
        region_code: None,
        author: "editor",
        tags: &["priem-grazhdan"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &[],
        cover_image_url: None,
        cover_image_alt: None,
        source: None,
    },
    DemoArticle {
        key: "kzo_kso_concept",
        lang: Language::Ru,
        translation_of: None,
        title: "В Кызылорде члены КСО обсудили концепцию общественной безопасности до 2028 года",
        lead: Some(
            "Члены консультативно-совещательного органа при департаменте полиции Кызылординской области обсудили проект концепции общественной безопасности в партнёрстве с обществом на 2024–2028 годы, передает Polisia.kz.",
        ),
        body: "<p>Члены консультативно-совещательного органа (КСО) собрались 17 апреля в областном департаменте полиции. Заседание провёл председатель совета Ерболат Темирбаев, почётный гражданин Кызылординской области. Кроме членов совета, в зале были руководители департамента и начальники районных отделов полиции.</p>\
<p>Главным вопросом повестки стал проект концепции общественной безопасности в партнёрстве с обществом на 2024–2028 годы. Документ готовит Министерство внутренних дел, а регионы сейчас собирают для него свои предложения.</p>\
<p>– Мы хотим, чтобы человек, пришедший в полицию, уходил с решённым вопросом, а не с очередной справкой. Для этого участковый должен знать свой участок не по карте, а по именам жителей, – сказал начальник управления местной полицейской службы ДП Кызылординской области Даурен Абенов.</p>\
<p>По его словам, в области работают 212 участковых инспекторов и 46 опорных пунктов полиции, но в ряде сельских округов один участковый отвечает сразу за несколько аулов.</p>\
<p>– Самые ценные предложения приходят не из кабинетов, а с собраний в аулах. Всё, что сегодня прозвучало, мы обобщим и до конца месяца направим в министерство, – добавил он.</p>\
<p>Начальник департамента полиции Нурлан Сейткали заметил, что успех концепции во многом зависит от доверия жителей, и поручил начальникам районных отделов до конца мая встретиться с населением каждого сельского округа. Член КСО, почётный ветеран органов внутренних дел Амантай Куанышев предложил закрепить за каждым сельским округом своего участкового и регулярно заслушивать их на заседаниях совета.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2024-04-17T10:30:00Z"),
        region_code: Some("KZ-43"),
        author: "author",
        tags: &["kso", "obshchestvennaya-bezopasnost", "uchastkovye"],
        meeting: Some("kso_kyzylorda_2024"),
        participants: &["temirbayev", "abenov", "seitkali", "kuanyshev"],
        quotes: &[
            DemoQuote {
                participant: Some("abenov"),
                text: "Мы хотим, чтобы человек, пришедший в полицию, уходил с решённым вопросом, а не с очередной справкой. Для этого участковый должен знать свой участок не по карте, а по именам жителей.",
                kind: QuoteKind::Direct,
            },
            DemoQuote {
                participant: Some("abenov"),
                text: "Самые ценные предложения приходят не из кабинетов, а с собраний в аулах. Всё, что сегодня прозвучало, мы обобщим и до конца месяца направим в министерство.",
                kind: QuoteKind::Direct,
            },
            DemoQuote {
                participant: Some("seitkali"),
                text: "Успех концепции во многом зависит от доверия жителей; начальникам районных отделов поручено до конца мая встретиться с населением каждого сельского округа.",
                kind: QuoteKind::Paraphrase,
            },
            DemoQuote {
                participant: Some("kuanyshev"),
                text: "Закрепить за каждым сельским округом своего участкового и регулярно заслушивать их на заседаниях совета.",
                kind: QuoteKind::Paraphrase,
            },
        ],
        related: &["kzo_uchastkovye", "pvl_hearing"],
        cover_image_url: Some("/media/demo/kzo_kso_concept.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-43"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "kzo_kso_concept_kk",
        lang: Language::Kk,
        translation_of: Some("kzo_kso_concept"),
        title: "Қызылордада кеңесші орган мүшелері 2028 жылға дейінгі қоғамдық қауіпсіздік тұжырымдамасын талқылады",
        lead: Some(
            "Қызылорда облысы полиция департаменті жанындағы консультативтік-кеңесші органның мүшелері қоғаммен әріптестікте қоғамдық қауіпсіздікті қамтамасыз етудің 2024–2028 жылдарға арналған тұжырымдамасының жобасын талқылады, деп хабарлайды Polisia.kz.",
        ),
        body: "<p>Консультативтік-кеңесші органның мүшелері 17 сәуірде облыстық полиция департаментінде жиналды. Отырысты кеңес төрағасы, Қызылорда облысының құрметті азаматы Ерболат Темірбаев жүргізді. Кеңес мүшелерінен бөлек, залда департамент басшылығы мен аудандық полиция бөлімдерінің бастықтары болды.</p>\
<p>Күн тәртібіндегі басты мәселе — қоғаммен әріптестікте қоғамдық қауіпсіздікті қамтамасыз етудің 2024–2028 жылдарға арналған тұжырымдамасының жобасы. Құжатты Ішкі істер министрлігі әзірлеп жатыр, ал өңірлер оған өз ұсыныстарын жинауда.</p>\
<p>– Полицияға келген адам қолына тағы бір анықтама алып емес, мәселесін шешіп қайтуы керек. Ол үшін учаскелік инспектор өз учаскесін картадан емес, тұрғындардың есімінен білуі тиіс, – деді Қызылорда облысы ПД жергілікті полиция қызметі басқармасының бастығы Дәурен Әбенов.</p>\
<p>Оның айтуынша, облыста 212 учаскелік полиция инспекторы және 46 полиция тірек пункті жұмыс істейді, алайда кейбір ауылдық округтерде бір учаскелік бірнеше ауылға жауап береді.</p>\
<p>– Ең құнды ұсыныстар кабинеттен емес, ауылдағы жиналыстардан келеді. Бүгін айтылғанның бәрін жинақтап, ай соңына дейін министрлікке жолдаймыз, – деп қосты ол.</p>\
<p>Департамент бастығы Нұрлан Сейітқали тұжырымдаманың табысы көбіне тұрғындардың сеніміне байланысты екенін атап өтті. Кеңес мүшесі, ішкі істер органдарының құрметті ардагері Амантай Қуанышев әр ауылдық округке жеке учаскелік инспектор бекітуді ұсынды.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2024-04-17T12:10:00Z"),
        region_code: Some("KZ-43"),
        author: "author2",
        tags: &["kso", "obshchestvennaya-bezopasnost", "uchastkovye"],
        meeting: Some("kso_kyzylorda_2024"),
        participants: &["temirbayev", "abenov", "seitkali", "kuanyshev"],
        quotes: &[
            DemoQuote {
                participant: Some("abenov"),
                text: "Полицияға келген адам қолына тағы бір анықтама алып емес, мәселесін шешіп қайтуы керек. Ол үшін учаскелік инспектор өз учаскесін картадан емес, тұрғындардың есімінен білуі тиіс.",
                kind: QuoteKind::Direct,
            },
            DemoQuote {
                participant: Some("abenov"),
                text: "Ең құнды ұсыныстар кабинеттен емес, ауылдағы жиналыстардан келеді. Бүгін айтылғанның бәрін жинақтап, ай соңына дейін министрлікке жолдаймыз.",
                kind: QuoteKind::Direct,
            },
            DemoQuote {
                participant: Some("seitkali"),
                text: "Тұжырымдаманың табысы көбіне тұрғындардың сеніміне байланысты.",
                kind: QuoteKind::Paraphrase,
            },
            DemoQuote {
                participant: Some("kuanyshev"),
                text: "Әр ауылдық округке жеке учаскелік инспектор бекіту қажет.",
                kind: QuoteKind::Paraphrase,
            },
        ],
        related: &["pvl_hearing_kk"],
        cover_image_url: Some("/media/demo/kzo_kso_concept.jpg"),
        cover_image_alt: Some("Иллюстрация: жұлдызды полиция қалқаны және өңір коды KZ-43"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "kzo_kso_concept_en",
        lang: Language::En,
        translation_of: Some("kzo_kso_concept"),
        title: "Kyzylorda police advisory council discusses public safety concept to 2028",
        lead: Some(
            "Members of the advisory council at the Kyzylorda Region Police Department discussed the draft concept of public safety in partnership with society for 2024–2028, Polisia.kz reports.",
        ),
        body: "<p>Members of the advisory council gathered at the regional police department on 17 April. The session was chaired by Yerbolat Temirbayev, an honorary citizen of Kyzylorda Region. Besides council members, the department's leadership and the heads of district police units attended.</p>\
<p>The main item on the agenda was the draft concept of public safety in partnership with society for 2024–2028. The Ministry of Internal Affairs is preparing the document, and the regions are now collecting their proposals for it.</p>\
<p>“A person who comes to the police should leave with the problem solved, not with one more certificate. For that, a district officer has to know the neighbourhood by the residents' names, not from a map,” said Dauren Abenov, head of the local police service of the regional department.</p>\
<p>According to him, the region has 212 district police officers and 46 community police points, yet in some rural districts a single officer covers several villages.</p>\
<p>Department head Nurlan Seitkali said the concept would succeed only if residents trust the police. Council member Amantai Kuanyshev, an honorary veteran of the internal affairs bodies, proposed assigning a dedicated district officer to every rural district.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2024-04-18T06:00:00Z"),
        region_code: Some("KZ-43"),
        author: "author2",
        tags: &["kso", "obshchestvennaya-bezopasnost", "uchastkovye"],
        meeting: Some("kso_kyzylorda_2024"),
        participants: &["temirbayev", "abenov", "seitkali", "kuanyshev"],
        quotes: &[
            DemoQuote {
                participant: Some("abenov"),
                text: "A person who comes to the police should leave with the problem solved, not with one more certificate. For that, a district officer has to know the neighbourhood by the residents' names, not from a map.",
                kind: QuoteKind::Direct,
            },
            DemoQuote {
                participant: Some("seitkali"),
                text: "The concept will succeed only if residents trust the police.",
                kind: QuoteKind::Paraphrase,
            },
            DemoQuote {
                participant: Some("kuanyshev"),
                text: "Every rural district should have a dedicated district officer.",
                kind: QuoteKind::Paraphrase,
            },
        ],
        related: &["ala_fraud_briefing_en"],
        cover_image_url: Some("/media/demo/kzo_kso_concept.jpg"),
        cover_image_alt: Some(
            "Illustration: a police shield with a star and the region code KZ-43",
        ),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "kzo_uchastkovye",
        lang: Language::Ru,
        translation_of: None,
        title: "Члены КСО Кызылординской области предложили закрепить участкового за каждым сельским округом",
        lead: Some(
            "На заседании КСО при департаменте полиции Кызылординской области члены совета предложили закрепить отдельного участкового инспектора за каждым сельским округом, передает Polisia.kz.",
        ),
        body: "<p>Второй вопрос апрельского заседания консультативно-совещательного органа касался работы участковых инспекторов в сельской местности. Члены совета обсудили, как сократить расстояния, которые приходится преодолевать полицейским, и чем могут помочь местные акиматы.</p>\
<p>– Участковый, у которого на руках пять аулов, физически не успевает к каждому жителю. Люди должны видеть своего инспектора не раз в квартал, а каждую неделю, – заявил член КСО, почётный ветеран органов внутренних дел Амантай Куанышев.</p>\
<p>Депутат областного маслихата Гульнар Оспанова рассказала, что в Жалагашском и Сырдарьинском районах акиматы готовы выделить помещения под опорные пункты полиции.</p>\
<p>– Опорный пункт в самом ауле — это не только кабинет для полицейского. Туда придут и пожилые люди, и родители подростков, и те, кто стесняется ехать в районный центр, – сказала она.</p>\
<p>Председатель КСО Ерболат Темирбаев поддержал предложения и попросил руководство департамента к следующему заседанию рассчитать, сколько участковых нужно области. Итоги обсуждения войдут в решение совета.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2024-04-23T08:15:00Z"),
        region_code: Some("KZ-43"),
        author: "author",
        tags: &["kso", "uchastkovye"],
        meeting: Some("kso_kyzylorda_2024"),
        participants: &["kuanyshev", "ospanova", "temirbayev"],
        quotes: &[
            DemoQuote {
                participant: Some("kuanyshev"),
                text: "Участковый, у которого на руках пять аулов, физически не успевает к каждому жителю. Люди должны видеть своего инспектора не раз в квартал, а каждую неделю.",
                kind: QuoteKind::Direct,
            },
            DemoQuote {
                participant: Some("ospanova"),
                text: "Опорный пункт в самом ауле — это не только кабинет для полицейского. Туда придут и пожилые люди, и родители подростков, и те, кто стесняется ехать в районный центр.",
                kind: QuoteKind::Direct,
            },
            DemoQuote {
                participant: Some("temirbayev"),
                text: "Поддержал предложения и попросил руководство департамента к следующему заседанию рассчитать, сколько участковых нужно области.",
                kind: QuoteKind::Paraphrase,
            },
        ],
        related: &["kzo_kso_concept"],
        cover_image_url: Some("/media/demo/kzo_uchastkovye.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-43"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ast_volunteers",
        lang: Language::Ru,
        translation_of: None,
        title: "В Астане добровольные помощники полиции вышли на вечерние патрули",
        lead: Some(
            "В Астане добровольные помощники полиции начали выходить на вечерние патрули вместе с участковыми инспекторами, передает Polisia.kz.",
        ),
        body: "<p>В районе Есиль столицы начался летний сезон совместных патрулей. Каждый вечер с 19:00 до 23:00 участковые инспекторы обходят дворы, набережную и детские площадки вместе с добровольцами.</p>\
<p>Сейчас в списке 64 человека: студенты, предприниматели, пенсионеры, бывшие военные. Перед первым выходом каждый прошёл инструктаж и получил жилет с надписью <em>«Полиция көмекшісі»</em>.</p>\
<p>– Мы не подменяем полицию и никого не задерживаем. Наша задача — быть заметными, вовремя позвонить по номеру 102 и подсказать дорогу приезжим, – рассказал координатор добровольцев района Есиль Олег Пак.</p>\
<p>По данным районного управления полиции, за первые две недели патрули помогли найти двух потерявшихся детей и сообщили о 11 случаях распития спиртного в общественных местах.</p>\
<p>Присоединиться к патрулям может любой совершеннолетний житель столицы. Заявки принимают в ближайшем участковом пункте полиции.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2024-06-11T09:20:00Z"),
        region_code: Some("KZ-71"),
        author: "author",
        tags: &["volontery", "obshchestvennaya-bezopasnost", "uchastkovye"],
        meeting: None,
        participants: &["pak"],
        quotes: &[DemoQuote {
            participant: Some("pak"),
            text: "Мы не подменяем полицию и никого не задерживаем. Наша задача — быть заметными, вовремя позвонить по номеру 102 и подсказать дорогу приезжим.",
            kind: QuoteKind::Direct,
        }],
        related: &["ast_police_day_awards", "uly_pensioners_winter"],
        cover_image_url: Some("/media/demo/ast_volunteers.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-71"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ast_volunteers_kk",
        lang: Language::Kk,
        translation_of: Some("ast_volunteers"),
        title: "Астанада полицияның ерікті көмекшілері кешкі патрульге шықты",
        lead: Some(
            "Астанада полицияның ерікті көмекшілері учаскелік инспекторлармен бірге кешкі патрульге шыға бастады, деп хабарлайды Polisia.kz.",
        ),
        body: "<p>Елорданың Есіл ауданында бірлескен патрульдердің жазғы маусымы басталды. Күн сайын кешкі 19:00-ден 23:00-ге дейін учаскелік инспекторлар еріктілермен бірге аулаларды, жағалауды және балалар алаңдарын аралайды.</p>\
<p>Қазір тізімде 64 адам бар: студенттер, кәсіпкерлер, зейнеткерлер, бұрынғы әскерилер. Алғашқы кезекшілік алдында әрқайсысы нұсқаулықтан өтіп, <em>«Полиция көмекшісі»</em> деген жазуы бар жилет алды.</p>\
<p>– Біз полицияның орнын баспаймыз және ешкімді ұстамаймыз. Біздің міндетіміз — көзге көрініп жүру, уақытында 102 нөміріне хабарласу және қалаға келген қонақтарға жол көрсету, – деді Есіл ауданындағы еріктілердің үйлестірушісі Олег Пак.</p>\
<p>Аудандық полиция басқармасының мәліметінше, алғашқы екі аптада патрульдер адасып кеткен екі баланы табуға көмектесті.</p>\
<p>Патрульге елорданың кәмелетке толған кез келген тұрғыны қосыла алады. Өтінімді жақын маңдағы учаскелік полиция пункті қабылдайды.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2024-06-11T11:40:00Z"),
        region_code: Some("KZ-71"),
        author: "author2",
        tags: &["volontery", "obshchestvennaya-bezopasnost", "uchastkovye"],
        meeting: None,
        participants: &["pak"],
        quotes: &[DemoQuote {
            participant: Some("pak"),
            text: "Біз полицияның орнын баспаймыз және ешкімді ұстамаймыз. Біздің міндетіміз — көзге көрініп жүру, уақытында 102 нөміріне хабарласу және қалаға келген қонақтарға жол көрсету.",
            kind: QuoteKind::Direct,
        }],
        related: &[],
        cover_image_url: Some("/media/demo/ast_volunteers.jpg"),
        cover_image_alt: Some("Иллюстрация: жұлдызды полиция қалқаны және өңір коды KZ-71"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ast_volunteers_en",
        lang: Language::En,
        translation_of: Some("ast_volunteers"),
        title: "Volunteers join evening police patrols in Astana",
        lead: Some(
            "Volunteer police helpers in Astana have started joining district officers on evening patrols, Polisia.kz reports.",
        ),
        body: "<p>The summer season of joint patrols has begun in the capital's Yesil district. Every evening from 7 pm to 11 pm, district police officers walk through courtyards, the embankment and playgrounds together with volunteers.</p>\
<p>Sixty-four people have signed up so far: students, small business owners, pensioners and former servicemen. Before their first shift, each of them was briefed and given a vest marked <em>“Police helper”</em> in Kazakh.</p>\
<p>“We do not replace the police and we do not detain anyone. Our job is to be visible, to call 102 in time and to show visitors the way,” said Oleg Pak, who coordinates the volunteers in Yesil district.</p>\
<p>Any adult resident of the capital can join the patrols by applying at the nearest community police point.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2024-06-12T04:50:00Z"),
        region_code: Some("KZ-71"),
        author: "author2",
        tags: &["volontery", "obshchestvennaya-bezopasnost"],
        meeting: None,
        participants: &["pak"],
        quotes: &[DemoQuote {
            participant: Some("pak"),
            text: "We do not replace the police and we do not detain anyone. Our job is to be visible, to call 102 in time and to show visitors the way.",
            kind: QuoteKind::Direct,
        }],
        related: &["ast_students_online_en"],
        cover_image_url: Some("/media/demo/ast_volunteers.jpg"),
        cover_image_alt: Some(
            "Illustration: a police shield with a star and the region code KZ-71",
        ),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ast_police_day_awards",
        lang: Language::Ru,
        translation_of: None,
        title: "Ко Дню полиции лучших участковых столицы наградили ведомственными медалями",
        lead: Some(
            "Накануне Дня полиции лучшие участковые инспекторы Астаны получили ведомственные награды и благодарственные письма, передает Polisia.kz.",
        ),
        body: "<p>Торжественная церемония прошла в департаменте полиции города Астаны за два дня до профессионального праздника, который в Казахстане отмечают 23 июня.</p>\
<p>Медали и нагрудные знаки получили 18 сотрудников. Среди них участковые инспекторы, на участках которых за год не было ни одного тяжкого преступления, и патрульные, раскрывшие по горячим следам серию угонов автомобилей.</p>\
<p>Благодарственные письма вручили и гражданским: жителям, которые помогли задержать правонарушителей, и добровольцам, патрулирующим улицы вместе с полицией. Одно из писем получил координатор добровольцев района Есиль Олег Пак.</p>\
<p>Отдельно поздравили ветеранов органов внутренних дел, которые стали наставниками молодых полицейских. Для них подготовили концерт.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2024-06-21T07:00:00Z"),
        region_code: Some("KZ-71"),
        author: "editor",
        tags: &["nagrady", "uchastkovye"],
        meeting: None,
        participants: &["pak"],
        quotes: &[],
        related: &["ast_volunteers"],
        cover_image_url: Some("/media/demo/ast_police_day_awards.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-71"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "mng_water_safety",
        lang: Language::Ru,
        translation_of: None,
        title: "В Мангистау полицейские напомнили отдыхающим о безопасности на воде",
        lead: Some(
            "Полицейские Мангистауской области вышли на городские пляжи Актау, чтобы напомнить отдыхающим о безопасности на воде, передает Polisia.kz.",
        ),
        body: "<p>С началом купального сезона на побережье Каспия в Актау ежедневно дежурят наряды патрульной полиции. Вместе со спасателями они обходят пляжи и раздают памятки.</p>\
<p>Главная просьба полицейских к родителям — не оставлять детей у воды без присмотра даже на несколько минут. Чаще всего люди попадают в беду там, где купаться не положено: на диких пляжах и у волнорезов.</p>\
<p>Полиция также напоминает, что купаться в нетрезвом виде запрещено, а управлять маломерным судном без удостоверения — административное правонарушение.</p>\
<p>Телефоны экстренных служб, <strong>102</strong> и <strong>112</strong>, напечатаны на каждой памятке.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2024-07-09T06:30:00Z"),
        region_code: Some("KZ-47"),
        author: "author",
        tags: &["profilaktika"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &[],
        cover_image_url: Some("/media/demo/mng_water_safety.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-47"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "shym_reception",
        lang: Language::Ru,
        translation_of: None,
        title: "Руководство полиции Шымкента провело выездной приём граждан на окраине города",
        lead: Some(
            "Руководство департамента полиции Шымкента провело выездной приём граждан в одном из новых жилых массивов на окраине города, передает Polisia.kz.",
        ),
        body: "<p>Приём прошёл в здании школы. Жителям не пришлось ехать в центр: руководители полиции, юристы и участковые инспекторы принимали людей на месте с 10 утра до вечера.</p>\
<p>Всего выслушали 37 человек. Чаще всего жители жаловались на шумные компании во дворах, нехватку освещения и водителей, которые гоняют по узким улицам частного сектора.</p>\
<p>– Фонари у нас не горят третий месяц, вечером дети боятся возвращаться с кружков. Сегодня впервые кто-то записал нашу проблему и назвал срок, – поделилась одна из жительниц массива.</p>\
<p>За каждым обращением закреплён ответственный сотрудник. О результатах заявителям сообщат письменно в течение 15 рабочих дней, а вопросы освещения переданы в акимат района.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2024-09-10T10:05:00Z"),
        region_code: Some("KZ-79"),
        author: "author",
        tags: &["priem-grazhdan", "obshchestvennaya-bezopasnost"],
        meeting: None,
        participants: &[],
        quotes: &[DemoQuote {
            participant: None,
            text: "Фонари у нас не горят третий месяц, вечером дети боятся возвращаться с кружков. Сегодня впервые кто-то записал нашу проблему и назвал срок.",
            kind: QuoteKind::Direct,
        }],
        related: &["atr_new_post"],
        cover_image_url: Some("/media/demo/shym_reception.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-79"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "krg_road_winter",
        lang: Language::Ru,
        translation_of: None,
        title: "Карагандинская полиция усилила контроль на трассах перед зимой",
        lead: Some(
            "С наступлением холодов полиция Карагандинской области усилила контроль на загородных трассах, передает Polisia.kz.",
        ),
        body: "<p>С середины ноября на трассах Караганда — Астана и Караганда — Балхаш дежурят дополнительные экипажи патрульной полиции. Они проверяют техническое состояние автобусов и грузовиков, зимнюю резину и соблюдение водителями режима труда и отдыха.</p>\
<p>– Зимой на трассе любая ошибка обходится дороже. Лысая резина и уставший водитель — прямая дорога в кювет, поэтому мы останавливаем каждый междугородний автобус, – сказал начальник управления административной полиции ДП Карагандинской области Ерлан Серикбаев.</p>\
<p>За первую неделю рейдов выявлено 142 нарушения, 9 автобусов отстранены от рейсов до устранения неисправностей.</p>\
<p>На случай снежных заносов на постах подготовлены пункты обогрева. Полиция просит перед поездкой узнавать прогноз и не выезжать на трассу в буран.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2024-11-12T04:40:00Z"),
        region_code: Some("KZ-35"),
        author: "author",
        tags: &["doroga"],
        meeting: None,
        participants: &["serikbayev"],
        quotes: &[DemoQuote {
            participant: Some("serikbayev"),
            text: "Зимой на трассе любая ошибка обходится дороже. Лысая резина и уставший водитель — прямая дорога в кювет, поэтому мы останавливаем каждый междугородний автобус.",
            kind: QuoteKind::Direct,
        }],
        related: &["akt_drunk_drivers", "sko_school_routes"],
        cover_image_url: Some("/media/demo/krg_road_winter.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-35"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "krg_road_winter_kk",
        lang: Language::Kk,
        translation_of: Some("krg_road_winter"),
        title: "Қарағанды полициясы қыс алдында трассалардағы бақылауды күшейтті",
        lead: Some(
            "Суық түсуіне байланысты Қарағанды облысының полициясы қала сыртындағы трассалардағы бақылауды күшейтті, деп хабарлайды Polisia.kz.",
        ),
        body: "<p>Қараша айының ортасынан бастап Қарағанды — Астана және Қарағанды — Балқаш трассаларында патрульдік полицияның қосымша экипаждары кезекшілік атқарады. Олар автобустар мен жүк көліктерінің техникалық жағдайын, қысқы дөңгелектерді және жүргізушілердің еңбек пен демалыс режимін сақтауын тексереді.</p>\
<p>– Қыста трассадағы кез келген қателік қымбатқа түседі. Тозған дөңгелек пен шаршаған жүргізуші — апатқа бастайтын тура жол, сондықтан қалааралық қатынастағы әрбір автобусты тоқтатамыз, – деді Қарағанды облысы ПД әкімшілік полиция басқармасының бастығы Ерлан Серікбаев.</p>\
<p>Рейдтердің алғашқы аптасында 142 бұзушылық анықталды, 9 автобус ақауы жойылғанға дейін рейстен шеттетілді.</p>\
<p>Жолды қар басып қалған жағдайға бекеттерде жылыну пункттері дайындалды. Полиция сапар алдында ауа райы болжамын біліп, боран кезінде трассаға шықпауды сұрайды.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2024-11-12T08:25:00Z"),
        region_code: Some("KZ-35"),
        author: "author2",
        tags: &["doroga"],
        meeting: None,
        participants: &["serikbayev"],
        quotes: &[DemoQuote {
            participant: Some("serikbayev"),
            text: "Қыста трассадағы кез келген қателік қымбатқа түседі. Тозған дөңгелек пен шаршаған жүргізуші — апатқа бастайтын тура жол, сондықтан қалааралық қатынастағы әрбір автобусты тоқтатамыз.",
            kind: QuoteKind::Direct,
        }],
        related: &[],
        cover_image_url: Some("/media/demo/krg_road_winter.jpg"),
        cover_image_alt: Some("Иллюстрация: жұлдызды полиция қалқаны және өңір коды KZ-35"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "vko_pensioners_fraud",
        lang: Language::Ru,
        translation_of: None,
        title: "В Усть-Каменогорске полицейские рассказали пенсионерам о телефонных мошенниках",
        lead: Some(
            "Полицейские Усть-Каменогорска встретились с пенсионерами и рассказали, как распознать телефонных мошенников, передает Polisia.kz.",
        ),
        body: "<p>Встреча прошла в городском центре активного долголетия. Послушать сотрудников полиции пришли около 60 человек.</p>\
<p>Полицейские разобрали самые распространённые уловки: звонок якобы от родственника, попавшего в аварию, сообщение о «подозрительной операции» по карте и предложение получить компенсацию за старый вклад.</p>\
<blockquote>Сотрудник банка никогда не попросит назвать код из СМС. Если вас торопят и пугают — положите трубку и перезвоните родным сами.</blockquote>\
<p>Каждому участнику вручили памятку с телефонами дежурной части. До конца зимы такие встречи пройдут во всех районах Восточно-Казахстанской области.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2025-01-28T05:10:00Z"),
        region_code: Some("KZ-63"),
        author: "author",
        tags: &["kibermoshennichestvo", "profilaktika"],
        meeting: None,
        participants: &[],
        quotes: &[DemoQuote {
            participant: None,
            text: "Сотрудник банка никогда не попросит назвать код из СМС. Если вас торопят и пугают — положите трубку и перезвоните родным сами.",
            kind: QuoteKind::Direct,
        }],
        related: &["ala_fraud_briefing"],
        cover_image_url: Some("/media/demo/vko_pensioners_fraud.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-63"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "trk_juveniles",
        lang: Language::Ru,
        translation_of: None,
        title: "В Туркестанской области инспекторы по делам несовершеннолетних провели уроки в сельских школах",
        lead: Some(
            "Инспекторы по делам несовершеннолетних Туркестанской области провели профилактические уроки для школьников сельских районов, передает Polisia.kz.",
        ),
        body: "<p>С начала февраля инспекторы ювенальной полиции побывали в 48 школах Сайрамского, Толебийского и Казыгуртского районов. Со старшеклассниками говорили о травле, вымогательстве в соцсетях и ответственности за кражи.</p>\
<p>– Подросток редко приходит в полицию сам. Поэтому мы идём в школы и говорим с ребятами на их языке: про телефоны, чаты и то, чем может закончиться «безобидная» шутка в интернете, – рассказала старший инспектор по делам несовершеннолетних ДП Туркестанской области Айнур Тулегенова.</p>\
<p>Отдельные встречи прошли с родителями. Инспекторы объяснили, как заметить, что ребёнка травят или втягивают в сомнительные группы, и куда обращаться за помощью.</p>\
<p>После уроков школьникам раздали карточки с номером телефона доверия <strong>111</strong>.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2025-02-05T06:50:00Z"),
        region_code: Some("KZ-61"),
        author: "author",
        tags: &["nesovershennoletnie", "profilaktika"],
        meeting: None,
        participants: &["tulegenova"],
        quotes: &[DemoQuote {
            participant: Some("tulegenova"),
            text: "Подросток редко приходит в полицию сам. Поэтому мы идём в школы и говорим с ребятами на их языке: про телефоны, чаты и то, чем может закончиться «безобидная» шутка в интернете.",
            kind: QuoteKind::Direct,
        }],
        related: &["kst_youth_football_kk"],
        cover_image_url: Some("/media/demo/trk_juveniles.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-61"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "trk_juveniles_en",
        lang: Language::En,
        translation_of: Some("trk_juveniles"),
        title: "Juvenile police officers hold lessons in rural schools of Turkistan Region",
        lead: Some(
            "Juvenile affairs officers of Turkistan Region have held crime-prevention lessons for pupils in rural districts, Polisia.kz reports.",
        ),
        body: "<p>Since early February, juvenile police officers have visited 48 schools in the Sairam, Tolebi and Kazygurt districts. With senior pupils they talked about bullying, online extortion and the consequences of theft.</p>\
<p>“Teenagers rarely come to the police on their own. So we go to schools and speak their language: about phones, group chats and where a ‘harmless’ joke on the internet can lead,” said Ainur Tulegenova, senior juvenile affairs inspector of the Turkistan Region Police Department.</p>\
<p>Separate meetings were held with parents, who learned how to notice that a child is being bullied or drawn into dubious online groups, and where to turn for help.</p>\
<p>After the lessons, pupils received cards with the number of the <strong>111</strong> children's helpline.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2025-02-06T09:00:00Z"),
        region_code: Some("KZ-61"),
        author: "author2",
        tags: &["nesovershennoletnie", "profilaktika"],
        meeting: None,
        participants: &["tulegenova"],
        quotes: &[DemoQuote {
            participant: Some("tulegenova"),
            text: "Teenagers rarely come to the police on their own. So we go to schools and speak their language: about phones, group chats and where a ‘harmless’ joke on the internet can lead.",
            kind: QuoteKind::Direct,
        }],
        related: &[],
        cover_image_url: Some("/media/demo/trk_juveniles.jpg"),
        cover_image_alt: Some(
            "Illustration: a police shield with a star and the region code KZ-61",
        ),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "pvl_hearing",
        lang: Language::Ru,
        translation_of: None,
        title: "Жители Павлодара на публичных слушаниях обсудили с полицией безопасность дворов",
        lead: Some(
            "На публичных слушаниях в Павлодаре жители обсудили с руководством городской полиции безопасность во дворах и на улицах, передает Polisia.kz.",
        ),
        body: "<p>13 марта в зале заседаний акимата Павлодара прошли публичные слушания о правопорядке в жилых микрорайонах. Вела их председатель общественного совета города, почётный гражданин Павлодара Сауле Жакупова. В зал пришли более 120 жителей, ещё около 900 человек смотрели прямую трансляцию.</p>\
<p>Начальник управления полиции города Андрей Лисицын рассказал, что за прошлый год квартирных краж в городе стало меньше на 14 процентов, а уличных грабежей — почти на пятую часть.</p>\
<p>– Цифры радуют, но людей волнует другое: тёмный двор, компания у подъезда, самокатчик на тротуаре. Поэтому сегодня я хочу услышать не благодарности, а конкретные адреса, – сказал он.</p>\
<p>Адреса прозвучали: жители назвали 23 двора без освещения и несколько мест у школ, где водители постоянно превышают скорость. Старший участковый инспектор Тимур Бектуров пообещал, что каждый адрес проверят вместе с представителями акимата.</p>\
<p>– Слушания — это не разовая акция. Через полгода мы соберёмся снова и спросим, что изменилось по каждому адресу из сегодняшнего протокола, – подвела итог Сауле Жакупова.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2025-03-13T11:35:00Z"),
        region_code: Some("KZ-55"),
        author: "author",
        tags: &[
            "publichnye-slushaniya",
            "obshchestvennaya-bezopasnost",
            "uchastkovye",
        ],
        meeting: Some("hearing_pavlodar_2025"),
        participants: &["zhakupova", "lisitsyn", "bekturov"],
        quotes: &[
            DemoQuote {
                participant: Some("lisitsyn"),
                text: "Цифры радуют, но людей волнует другое: тёмный двор, компания у подъезда, самокатчик на тротуаре. Поэтому сегодня я хочу услышать не благодарности, а конкретные адреса.",
                kind: QuoteKind::Direct,
            },
            DemoQuote {
                participant: Some("bekturov"),
                text: "Каждый адрес, названный жителями, проверят вместе с представителями акимата.",
                kind: QuoteKind::Paraphrase,
            },
            DemoQuote {
                participant: Some("zhakupova"),
                text: "Слушания — это не разовая акция. Через полгода мы соберёмся снова и спросим, что изменилось по каждому адресу из сегодняшнего протокола.",
                kind: QuoteKind::Direct,
            },
        ],
        related: &["pvl_cameras", "kzo_kso_concept"],
        cover_image_url: Some("/media/demo/pvl_hearing.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-55"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "pvl_hearing_kk",
        lang: Language::Kk,
        translation_of: Some("pvl_hearing"),
        title: "Павлодар тұрғындары жария тыңдауда полициямен аулалардағы қауіпсіздікті талқылады",
        lead: Some(
            "Павлодарда өткен жария тыңдауда тұрғындар қалалық полиция басшылығымен аулалар мен көшелердегі қауіпсіздікті талқылады, деп хабарлайды Polisia.kz.",
        ),
        body: "<p>13 наурызда Павлодар қаласы әкімдігінің мәжіліс залында тұрғын үй шағынаудандарындағы құқықтық тәртіпке арналған жария тыңдау өтті. Оны қалалық қоғамдық кеңестің төрағасы, Павлодардың құрметті азаматы Сәуле Жақыпова жүргізді. Залға 120-дан астам тұрғын келді, тағы 900-ге жуық адам тікелей трансляцияны көрді.</p>\
<p>Қалалық полиция басқармасының бастығы Андрей Лисицын өткен жылы қаладағы пәтер ұрлығы 14 пайызға азайғанын айтты.</p>\
<p>– Сандар қуантады, бірақ адамдарды басқа нәрсе алаңдатады: қараңғы аула, подъезд алдындағы топ, тротуардағы самокатшы. Сондықтан бүгін алғыс емес, нақты мекенжайларды естігім келеді, – деді ол.</p>\
<p>Тұрғындар жарықсыз 23 аула мен мектеп маңында жүргізушілер жылдамдықты жиі асыратын бірнеше жерді атады. Аға учаскелік инспектор Тимур Бектұров әр мекенжай әкімдік өкілдерімен бірге тексерілетінін айтты.</p>\
<p>– Тыңдау — бір реттік шара емес. Жарты жылдан кейін қайта жиналып, бүгінгі хаттамадағы әр мекенжай бойынша не өзгергенін сұраймыз, – деп қорытындылады Сәуле Жақыпова.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2025-03-14T05:20:00Z"),
        region_code: Some("KZ-55"),
        author: "author2",
        tags: &[
            "publichnye-slushaniya",
            "obshchestvennaya-bezopasnost",
            "uchastkovye",
        ],
        meeting: Some("hearing_pavlodar_2025"),
        participants: &["zhakupova", "lisitsyn", "bekturov"],
        quotes: &[
            DemoQuote {
                participant: Some("lisitsyn"),
                text: "Сандар қуантады, бірақ адамдарды басқа нәрсе алаңдатады: қараңғы аула, подъезд алдындағы топ, тротуардағы самокатшы. Сондықтан бүгін алғыс емес, нақты мекенжайларды естігім келеді.",
                kind: QuoteKind::Direct,
            },
            DemoQuote {
                participant: Some("bekturov"),
                text: "Әр мекенжай әкімдік өкілдерімен бірге тексеріледі.",
                kind: QuoteKind::Paraphrase,
            },
            DemoQuote {
                participant: Some("zhakupova"),
                text: "Тыңдау — бір реттік шара емес. Жарты жылдан кейін қайта жиналып, бүгінгі хаттамадағы әр мекенжай бойынша не өзгергенін сұраймыз.",
                kind: QuoteKind::Direct,
            },
        ],
        related: &["kzo_kso_concept_kk"],
        cover_image_url: Some("/media/demo/pvl_hearing.jpg"),
        cover_image_alt: Some("Иллюстрация: жұлдызды полиция қалқаны және өңір коды KZ-55"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "pvl_cameras",
        lang: Language::Ru,
        translation_of: None,
        title: "После публичных слушаний в Павлодаре осветили 17 дворов и поставили камеры у школ",
        lead: Some(
            "По итогам мартовских публичных слушаний в Павлодаре осветили 17 дворов и установили камеры у школ, передает Polisia.kz.",
        ),
        body: "<p>В марте жители Павлодара передали полиции и акимату список из 23 дворов без освещения. К концу мая фонари заработали в 17 из них, в остальных работы завершат до конца лета.</p>\
<p>У шести школ, где на слушаниях жаловались на лихачей, установили камеры фиксации скорости и обновили разметку пешеходных переходов.</p>\
<p>– Я сам живу в одном из этих микрорайонов и вижу разницу каждый вечер. Люди стали дольше гулять с детьми, а у подъездов больше не собираются шумные компании, – рассказал депутат городского маслихата Кайрат Алиев.</p>\
<p>Начальник управления полиции Андрей Лисицын отметил, что с тех пор, как во дворах появился свет, там не зарегистрировано ни одной кражи из автомобилей. Следующая встреча с жителями назначена на сентябрь.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2025-05-20T07:45:00Z"),
        region_code: Some("KZ-55"),
        author: "editor",
        tags: &[
            "publichnye-slushaniya",
            "obshchestvennaya-bezopasnost",
            "doroga",
        ],
        meeting: Some("hearing_pavlodar_2025"),
        participants: &["aliev", "lisitsyn"],
        quotes: &[
            DemoQuote {
                participant: Some("aliev"),
                text: "Я сам живу в одном из этих микрорайонов и вижу разницу каждый вечер. Люди стали дольше гулять с детьми, а у подъездов больше не собираются шумные компании.",
                kind: QuoteKind::Direct,
            },
            DemoQuote {
                participant: Some("lisitsyn"),
                text: "С тех пор, как во дворах появился свет, там не зарегистрировано ни одной кражи из автомобилей.",
                kind: QuoteKind::Paraphrase,
            },
        ],
        related: &["pvl_hearing"],
        cover_image_url: Some("/media/demo/pvl_cameras.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-55"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "kst_youth_football_kk",
        lang: Language::Kk,
        translation_of: None,
        title: "Қостанайда полицейлер жасөспірімдермен футбол турнирін өткізді",
        lead: Some(
            "Қостанайда полиция қызметкерлері мен жасөспірімдер арасында «Полиция және жастар» футбол турнирі өтті, деп хабарлайды Polisia.kz.",
        ),
        body: "<p>Турнирге қала мектептерінен 12 команда қатысты. Олардың қатарында кәмелетке толмағандар ісі жөніндегі инспекторлардың есебінде тұрған жасөспірімдер де бар.</p>\
<p>Алаңға полицейлер құрамасы да шықты. Ойын арасында қызметкерлер балалармен еркін сөйлесіп, спорт пен салауатты өмір салты туралы әңгімелесті.</p>\
<p>Жеңімпаз атанған №21 мектеп командасына кубок пен футбол доптары табыс етілді. Ұйымдастырушылар мұндай турнирді жыл сайын өткізуді жоспарлап отыр.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2025-06-03T10:00:00Z"),
        region_code: Some("KZ-39"),
        author: "author2",
        tags: &["nesovershennoletnie", "profilaktika"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &["zhm_district_officers_kk"],
        cover_image_url: Some("/media/demo/kst_youth_football.jpg"),
        cover_image_alt: Some("Иллюстрация: жұлдызды полиция қалқаны және өңір коды KZ-39"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "sko_school_routes",
        lang: Language::Ru,
        translation_of: None,
        title: "Перед учебным годом полицейские Петропавловска проверили подходы к школам",
        lead: Some(
            "Накануне учебного года сотрудники административной полиции Петропавловска проверили, безопасно ли детям добираться до школ, передает Polisia.kz.",
        ),
        body: "<p>Полицейские вместе с представителями городского отдела ЖКХ обошли 42 школы. Проверяли пешеходные переходы, дорожные знаки, освещение и светофоры на маршрутах, по которым дети ходят на уроки.</p>\
<p>Замечания нашлись у 11 школ: где-то стёрлась разметка, где-то не хватает ограждения у проезжей части. Список передан в акимат с просьбой устранить недостатки до 1 сентября.</p>\
<p>В сентябре первоклассникам раздадут световозвращающие браслеты, а в школах пройдут уроки правил дорожного движения.</p>\
<p>Полиция напоминает водителям: в первые недели учебного года у школ особенно много детей, которые ещё не привыкли к дороге.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2025-08-27T04:30:00Z"),
        region_code: Some("KZ-59"),
        author: "author",
        tags: &["doroga", "nesovershennoletnie"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &["krg_road_winter"],
        cover_image_url: Some("/media/demo/sko_school_routes.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-59"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ala_fraud_briefing",
        lang: Language::Ru,
        translation_of: None,
        title: "В полиции Алматы рассказали о новых схемах интернет-мошенничества",
        lead: Some(
            "На брифинге в департаменте полиции Алматы рассказали о новых схемах интернет-мошенничества и о том, как не стать их жертвой, передает Polisia.kz.",
        ),
        body: "<p>1 октября в пресс-центре департамента полиции Алматы прошёл брифинг о мошенничестве в интернете и по телефону. Его вела официальный представитель департамента Динара Жаксыбекова.</p>\
<p>Начальник управления по противодействию киберпреступности Руслан Каримов сообщил, что за девять месяцев в городе зарегистрировано более 2 800 фактов интернет-мошенничества. Чаще всего жертвами становятся те, кто продаёт или покупает вещи на сайтах объявлений.</p>\
<p>– Мошенник сегодня не взламывает банк — он взламывает доверие. Он звонит от имени «службы безопасности», торопит, пугает блокировкой и добивается, чтобы человек сам продиктовал код, – сказал Руслан Каримов.</p>\
<p>Отдельно полицейские предупредили о поддельных сайтах служб доставки: ссылку присылают в мессенджере под видом оплаты посылки, а страница точь-в-точь копирует настоящую.</p>\
<p>– Если деньги всё-таки ушли, звоните в банк и в 102 в первые же минуты. Чем быстрее поступит заявление, тем больше шансов заблокировать перевод, – добавил он.</p>\
<p>Эксперт по информационной безопасности Бахыт Нурпеисов посоветовал включить двухфакторную защиту во всех мессенджерах и не открывать ссылки из сообщений от незнакомцев.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2025-10-01T09:55:00Z"),
        region_code: Some("KZ-75"),
        author: "author",
        tags: &["brifing", "kibermoshennichestvo"],
        meeting: Some("briefing_almaty_2025"),
        participants: &["zhaksybekova", "karimov", "nurpeisov"],
        quotes: &[
            DemoQuote {
                participant: Some("karimov"),
                text: "Мошенник сегодня не взламывает банк — он взламывает доверие. Он звонит от имени «службы безопасности», торопит, пугает блокировкой и добивается, чтобы человек сам продиктовал код.",
                kind: QuoteKind::Direct,
            },
            DemoQuote {
                participant: Some("karimov"),
                text: "Если деньги всё-таки ушли, звоните в банк и в 102 в первые же минуты. Чем быстрее поступит заявление, тем больше шансов заблокировать перевод.",
                kind: QuoteKind::Direct,
            },
            DemoQuote {
                participant: Some("nurpeisov"),
                text: "Включить двухфакторную защиту во всех мессенджерах и не открывать ссылки из сообщений от незнакомцев.",
                kind: QuoteKind::Paraphrase,
            },
        ],
        related: &["vko_pensioners_fraud"],
        cover_image_url: Some("/media/demo/ala_fraud_briefing.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-75"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ala_fraud_briefing_en",
        lang: Language::En,
        translation_of: Some("ala_fraud_briefing"),
        title: "Almaty police describe new online fraud schemes",
        lead: Some(
            "At a briefing at the Almaty City Police Department, officers described new online fraud schemes and explained how to avoid falling for them, Polisia.kz reports.",
        ),
        body: "<p>On 1 October the press centre of the Almaty City Police Department hosted a briefing on online and phone fraud, moderated by the department's spokesperson Dinara Zhaksybekova.</p>\
<p>Ruslan Karimov, head of the cybercrime unit, said that more than 2,800 cases of online fraud had been registered in the city over nine months. Most victims were people buying or selling goods on classified-ad websites.</p>\
<p>“Today a fraudster does not hack a bank, he hacks trust. He calls on behalf of a ‘security service’, rushes you, threatens to block your card and gets you to read out the code yourself,” Karimov said.</p>\
<p>“If the money is already gone, call your bank and 102 within minutes. The sooner a report comes in, the better the chance of freezing the transfer,” he added.</p>\
<p>Information security expert Bakhyt Nurpeisov advised turning on two-factor authentication in every messenger and never opening links sent by strangers.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2025-10-01T14:30:00Z"),
        region_code: Some("KZ-75"),
        author: "author2",
        tags: &["brifing", "kibermoshennichestvo"],
        meeting: Some("briefing_almaty_2025"),
        participants: &["zhaksybekova", "karimov", "nurpeisov"],
        quotes: &[
            DemoQuote {
                participant: Some("karimov"),
                text: "Today a fraudster does not hack a bank, he hacks trust. He calls on behalf of a ‘security service’, rushes you, threatens to block your card and gets you to read out the code yourself.",
                kind: QuoteKind::Direct,
            },
            DemoQuote {
                participant: Some("karimov"),
                text: "If the money is already gone, call your bank and 102 within minutes. The sooner a report comes in, the better the chance of freezing the transfer.",
                kind: QuoteKind::Direct,
            },
            DemoQuote {
                participant: Some("nurpeisov"),
                text: "Turn on two-factor authentication in every messenger and never open links sent by strangers.",
                kind: QuoteKind::Paraphrase,
            },
        ],
        related: &["kzo_kso_concept_en", "ast_students_online_en"],
        cover_image_url: Some("/media/demo/ala_fraud_briefing.jpg"),
        cover_image_alt: Some(
            "Illustration: a police shield with a star and the region code KZ-75",
        ),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ala_fraud_tips_kk",
        lang: Language::Kk,
        translation_of: None,
        title: "Алаяқтардан қалай сақтануға болады: Алматы полициясының бес кеңесі",
        lead: Some(
            "Алматы полициясы интернет пен телефон арқылы алаяқтық жасайтындардан сақтанудың бес қарапайым кеңесін ұсынды, деп хабарлайды Polisia.kz.",
        ),
        body: "<p>Қазан айының басында өткен брифингтен кейін Алматы қаласының полиция департаменті тұрғындарға арналған жадынама әзірледі.</p>\
<ul><li>SMS-тегі кодты ешкімге, тіпті «банк қызметкеріне» де айтпаңыз.</li><li>Бейтаныс адамдар жіберген сілтемелерді ашпаңыз.</li><li>Мессенджерлерде екі факторлы қорғауды қосыңыз.</li><li>Сізді асықтырып, қорқытса, телефонды қойып, туыстарыңызға өзіңіз хабарласыңыз.</li><li>Ақша кетіп қалса, бірден банкке және <strong>102</strong> нөміріне қоңырау шалыңыз.</li></ul>\
<p>– Алаяқ банкті емес, адамның сенімін бұзады. Сондықтан ең сенімді қорғаныс — асықпау және кез келген күмәнді қоңырауды тексеру, – деді департаменттің ресми өкілі Динара Жақсыбекова.</p>\
<p>Жадынаманың толық нұсқасы <a href=\"https://polisia.kz/\">Polisia.kz</a> порталында жарияланған.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2025-10-06T06:15:00Z"),
        region_code: Some("KZ-75"),
        author: "author2",
        tags: &["kibermoshennichestvo", "brifing"],
        meeting: Some("briefing_almaty_2025"),
        participants: &["zhaksybekova"],
        quotes: &[DemoQuote {
            participant: Some("zhaksybekova"),
            text: "Алаяқ банкті емес, адамның сенімін бұзады. Сондықтан ең сенімді қорғаныс — асықпау және кез келген күмәнді қоңырауды тексеру.",
            kind: QuoteKind::Direct,
        }],
        related: &["kzo_kso_concept_kk"],
        cover_image_url: Some("/media/demo/ala_fraud_tips.jpg"),
        cover_image_alt: Some("Иллюстрация: жұлдызды полиция қалқаны және өңір коды KZ-75"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "akt_drunk_drivers",
        lang: Language::Ru,
        translation_of: None,
        title: "В Актобе за выходные задержали 14 нетрезвых водителей",
        lead: Some(
            "Во время рейда в Актобе полицейские за два выходных дня задержали 14 водителей в состоянии опьянения, передает Polisia.kz.",
        ),
        body: "<p>Рейд проходил в ночь на субботу и на воскресенье на въездах в город и на главных магистралях. В нём участвовали 30 экипажей патрульной полиции.</p>\
<p>Кроме нетрезвых водителей, полицейские остановили 9 человек, севших за руль без водительского удостоверения, и зафиксировали более 200 превышений скорости.</p>\
<p>Материалы на задержанных водителей направлены в суд, их автомобили помещены на специализированную стоянку.</p>\
<p>Полиция напоминает: если вы видите на дороге явно пьяного водителя, сообщите по номеру 102. Такой звонок может спасти чью-то жизнь.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2026-02-16T05:00:00Z"),
        region_code: Some("KZ-15"),
        author: "author",
        tags: &["doroga", "proisshestviya"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &["krg_road_winter"],
        cover_image_url: Some("/media/demo/akt_drunk_drivers.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-15"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "zhm_district_officers_kk",
        lang: Language::Kk,
        translation_of: None,
        title: "Жамбыл облысында учаскелік инспекторлар тұрғындар алдында есеп берді",
        lead: Some(
            "Жамбыл облысында учаскелік полиция инспекторлары тұрғындармен кездесіп, атқарылған жұмыс туралы есеп берді, деп хабарлайды Polisia.kz.",
        ),
        body: "<p>Кездесулер наурыз айының басынан бері Тараз қаласында және облыстың барлық аудандарында өтіп жатыр. Әр учаскелік инспектор өз учаскесінің тұрғындары алдында өткен жылғы жұмысы туралы баяндайды.</p>\
<p>Тұрғындар көбіне мал ұрлығы, көшелердегі жарықтың жоқтығы және кешкі уақытта жастардың топтасып жүруі туралы айтты. Әр ұсыныс хаттамаға енгізіліп, жауапты қызметкерге тапсырылады.</p>\
<p>Облыстық полиция департаментінің мәліметінше, барлығы 180-нен астам осындай кездесу өтеді.</p>\
<p>Кездесулер кестесін учаскелік полиция пункттерінен және аудан әкімдіктерінің сайттарынан білуге болады.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2026-03-10T07:30:00Z"),
        region_code: Some("KZ-31"),
        author: "author2",
        tags: &["uchastkovye", "obshchestvennaya-bezopasnost"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &["kzo_kso_concept_kk"],
        cover_image_url: Some("/media/demo/zhm_district_officers.jpg"),
        cover_image_alt: Some("Иллюстрация: жұлдызды полиция қалқаны және өңір коды KZ-31"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "atr_new_post",
        lang: Language::Ru,
        translation_of: None,
        title: "В Атырау открылся новый участковый пункт полиции",
        lead: Some(
            "В одном из новых микрорайонов Атырау открылся участковый пункт полиции, где жители могут получить помощь рядом с домом, передает Polisia.kz.",
        ),
        body: "<p>Пункт разместился на первом этаже жилого дома. В нём работают два участковых инспектора и инспектор по делам несовершеннолетних, оборудована комната для приёма граждан.</p>\
<p>До открытия пункта жителям микрорайона приходилось ездить в отдел полиции на другом берегу Урала.</p>\
<p>– Раньше, чтобы написать заявление, я тратил полдня. Теперь участковый в пяти минутах ходьбы, и застать его можно даже вечером, – говорит один из жителей микрорайона.</p>\
<p>Пункт открыт ежедневно с 9:00 до 21:00, в выходные — до 18:00.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2026-05-12T06:40:00Z"),
        region_code: Some("KZ-23"),
        author: "editor",
        tags: &["uchastkovye", "priem-grazhdan"],
        meeting: None,
        participants: &[],
        quotes: &[DemoQuote {
            participant: None,
            text: "Раньше, чтобы написать заявление, я тратил полдня. Теперь участковый в пяти минутах ходьбы, и застать его можно даже вечером.",
            kind: QuoteKind::Direct,
        }],
        related: &["shym_reception"],
        cover_image_url: Some("/media/demo/atr_new_post.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-23"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ast_students_online_en",
        lang: Language::En,
        translation_of: None,
        title: "Astana police run online safety lessons for university students",
        lead: Some(
            "Astana police have started a series of online safety lessons for first-year university students, Polisia.kz reports.",
        ),
        body: "<p>The lessons take place in the first weeks of the academic year, when many students move to the capital for the first time and rent a flat on their own.</p>\
<p>Officers explain how to check a landlord before paying a deposit, how to spot fake job offers that promise easy money for “simple online tasks”, and why a bank card should never be handed to anyone, even for a fee.</p>\
<p>Students are also warned that people who lend their cards to strangers are often drawn into money-laundering schemes and may face criminal charges.</p>\
<p>More than 3,000 first-year students from eight universities are expected to attend by the end of October. Suspicious offers can be reported by calling 102 or through the <a href=\"https://www.gov.kz/memleket/entities/qriim\">Ministry of Internal Affairs website</a>.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2026-09-15T08:00:00Z"),
        region_code: Some("KZ-71"),
        author: "author2",
        tags: &["kibermoshennichestvo", "profilaktika"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &["ala_fraud_briefing_en", "ast_volunteers_en"],
        cover_image_url: Some("/media/demo/ast_students_online.jpg"),
        cover_image_alt: Some(
            "Illustration: a police shield with a star and the region code KZ-71",
        ),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "uly_pensioners_winter",
        lang: Language::Ru,
        translation_of: None,
        title: "В Улытауской области участковые навестили одиноких пенсионеров перед зимой",
        lead: Some(
            "Участковые инспекторы Улытауской области перед зимой навестили одиноких пенсионеров и проверили, как они подготовились к холодам, передает Polisia.kz.",
        ),
        body: "<p>Подворовые обходы прошли в Жезказгане, Сатпаеве и сёлах Улытауского района. Участковые побывали у 340 пожилых людей, которые живут одни.</p>\
<p>Вместе со спасателями полицейские проверили печи и электропроводку, напомнили, как не попасться на уловки мошенников, и оставили номера своих мобильных телефонов.</p>\
<p>В нескольких домах печи оказались неисправны. Информацию передали в акиматы и социальные службы, которые помогут с ремонтом и углём.</p>\
<p>Такие обходы в области проводят каждую осень, в этом году к ним присоединились студенты-волонтёры местных колледжей.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2026-11-06T05:25:00Z"),
        region_code: Some("KZ-62"),
        author: "author",
        tags: &["uchastkovye", "volontery", "profilaktika"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &["vko_pensioners_fraud"],
        cover_image_url: Some("/media/demo/uly_pensioners_winter.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-62"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "kzo_online_reception",
        lang: Language::Ru,
        translation_of: None,
        title: "Руководство полиции Кызылординской области проведёт онлайн-приём граждан",
        lead: Some(
            "Руководство департамента полиции Кызылординской области проведёт онлайн-приём граждан, записаться на который можно уже сейчас, передает Polisia.kz.",
        ),
        body: "<p>Приём пройдёт по видеосвязи, так что жителям отдалённых районов не придётся ехать в областной центр. Вопросы будут принимать начальник департамента Нурлан Сейткали и его заместители.</p>\
<p>Записаться можно по телефону дежурной части или через официальные страницы департамента в социальных сетях. При записи нужно коротко описать суть обращения.</p>\
<p>На приём приглашены и члены консультативно-совещательного органа: они возьмут на контроль вопросы, для решения которых нужны акиматы.</p>\
<p>Ответ на каждое обращение заявители получат письменно.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::ScheduledInDays(3),
        region_code: Some("KZ-43"),
        author: "editor",
        tags: &["priem-grazhdan", "kso"],
        meeting: None,
        participants: &["seitkali"],
        quotes: &[],
        related: &["shym_reception", "kzo_kso_concept"],
        cover_image_url: Some("/media/demo/kzo_online_reception.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-43"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "draft_pvl_ice",
        lang: Language::Ru,
        translation_of: None,
        title: "Гололёд: полиция Павлодара просит пешеходов и водителей быть осторожнее",
        lead: Some(
            "С первыми морозами полиция Павлодара просит водителей и пешеходов быть особенно внимательными на скользких дорогах, передает Polisia.kz.",
        ),
        body: "<p>Ночью температура в Павлодаре опускается ниже нуля, и к утру проезжая часть и тротуары покрываются льдом.</p>\
<p>Водителям советуют держать дистанцию побольше и не тормозить резко, а пешеходам — переходить дорогу только по переходам и не выходить из-за стоящих автобусов.</p>\
<p>Число аварий за первую неделю заморозков уточняется в управлении полиции города.</p>",
        status: ArticleStatus::Draft,
        published: DemoPublication::Unpublished,
        region_code: Some("KZ-55"),
        author: "author",
        tags: &["doroga"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &[],
        cover_image_url: None,
        cover_image_alt: None,
        source: None,
    },
    DemoArticle {
        key: "draft_krg_report",
        lang: Language::Ru,
        translation_of: None,
        title: "Полиция Карагандинской области отчиталась перед жителями за девять месяцев",
        lead: Some(
            "Руководство департамента полиции Карагандинской области отчиталось перед жителями о работе за девять месяцев, передает Polisia.kz.",
        ),
        body: "<p>Отчётные встречи прошли в Караганде, Темиртау и Шахтинске.</p>\
<p>Главные темы — мошенничество в интернете, безопасность на дорогах и работа участковых в шахтёрских посёлках.</p>\
<p>Цифры из отчёта департамента будут добавлены после сверки с пресс-службой.</p>",
        status: ArticleStatus::Draft,
        published: DemoPublication::Unpublished,
        region_code: Some("KZ-35"),
        author: "author2",
        tags: &["obshchestvennaya-bezopasnost"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &["krg_road_winter"],
        cover_image_url: None,
        cover_image_alt: None,
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "review_trk_markets",
        lang: Language::Ru,
        translation_of: None,
        title: "В Туркестане полицейские обсудили с предпринимателями безопасность на рынках",
        lead: Some(
            "В Туркестане полицейские, предприниматели и жители обсудили, как сделать городские рынки безопаснее, передает Polisia.kz.",
        ),
        body: "<p>На встречу в актовом зале городского отдела полиции пришли продавцы, владельцы торговых мест и жители соседних кварталов.</p>\
<p>Больше всего вопросов было о карманных кражах в часы пик и о стихийной торговле у входов, которая мешает проходу людей и проезду скорой помощи.</p>\
<p>– Нам нужен не просто патруль, а понятный номер, по которому продавец за пару минут вызовет полицию, – сказал один из владельцев торговых мест.</p>\
<p>Полиция пообещала усилить патрулирование рынков по выходным и установить дополнительные камеры в торговых рядах.</p>",
        status: ArticleStatus::InReview,
        published: DemoPublication::Unpublished,
        region_code: Some("KZ-61"),
        author: "author",
        tags: &["obshchestvennaya-bezopasnost", "profilaktika"],
        meeting: None,
        participants: &[],
        quotes: &[DemoQuote {
            participant: None,
            text: "Нам нужен не просто патруль, а понятный номер, по которому продавец за пару минут вызовет полицию.",
            kind: QuoteKind::Direct,
        }],
        related: &[],
        cover_image_url: Some("/media/demo/review_trk_markets.jpg"),
        cover_image_alt: Some("Иллюстрация: щит полиции со звездой и код региона KZ-61"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "kst_retracted_detention",
        lang: Language::Ru,
        translation_of: None,
        title: "В Костанае задержан подозреваемый в краже кабеля с подстанции",
        lead: Some(
            "Полицейские Костаная сообщили о задержании мужчины, которого подозревали в краже медного кабеля с городской подстанции, передает Polisia.kz.",
        ),
        body: "<p>Ночью с трансформаторной подстанции в одном из микрорайонов Костаная пропало около ста метров медного кабеля, и несколько домов остались без света.</p>\
<p>По горячим следам патрульные остановили автомобиль, в багажнике которого лежали обрезки кабеля. Водителя доставили в отдел полиции.</p>\
<p>Энергетики восстановили подачу электричества к утру.</p>",
        status: ArticleStatus::Retracted,
        published: DemoPublication::At("2026-10-14T07:10:00Z"),
        region_code: Some("KZ-39"),
        author: "author2",
        tags: &["proisshestviya"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &[],
        cover_image_url: None,
        cover_image_alt: None,
        source: Some("Polisia.kz"),
    },
    // Searches: wanted and missing persons. The people sought are invented; the
    // places are real.
    DemoArticle {
        key: "krg_wanted_fraud",
        lang: Language::Ru,
        translation_of: None,
        title: "Полиция Караганды разыскивает подозреваемого в мошенничестве с арендой квартир",
        lead: Some(
            "Полицейские Караганды разыскивают мужчину, которого подозревают в обмане людей, снимавших квартиры по объявлениям в интернете, передает Polisia.kz.",
        ),
        body: "<p>С августа в управление полиции Караганды поступило 17 заявлений от людей, которые внесли предоплату за аренду квартиры и так и не получили ключей. Объявления висели на популярных сайтах, а после перевода денег «хозяин» переставал выходить на связь.</p>\
<p>По версии следствия, за всеми случаями стоит один человек. В розыске находится <strong>Руслан Игоревич Тарасенко, 1993 года рождения</strong>. Рост около 180 см, худощавый, тёмные коротко стриженные волосы. Может представляться риелтором или владельцем жилья.</p>\
<p>Общий ущерб превышает 4 миллиона тенге. Начато досудебное расследование по статье «Мошенничество».</p>\
<p>Тех, кто видел этого человека или знает, где он находится, просят сообщить по номеру <strong>102</strong> или в дежурную часть управления полиции Караганды. Конфиденциальность гарантируется.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2025-10-21T06:15:00Z"),
        region_code: Some("KZ-35"),
        author: "author",
        tags: &["kibermoshennichestvo", "proisshestviya"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &[],
        cover_image_url: None,
        cover_image_alt: None,
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "krg_wanted_fraud_kk",
        lang: Language::Kk,
        translation_of: Some("krg_wanted_fraud"),
        title: "Қарағанды полициясы пәтер жалдау алаяқтығына күдікті адамды іздестіруде",
        lead: Some(
            "Қарағанды полицейлері интернеттегі хабарландырулар арқылы пәтер жалдамақ болған адамдарды алдады деп күдіктелген ер адамды іздестіріп жатыр, деп хабарлайды Polisia.kz.",
        ),
        body: "<p>Тамыз айынан бері Қарағанды қаласының полиция басқармасына пәтер жалдау үшін алдын ала ақы төлеп, кілтін ала алмаған адамдардан 17 арыз түсті. Хабарландырулар танымал сайттарда тұрған, ақша аударылғаннан кейін «үй иесі» хабарласуды тоқтатқан.</p>\
<p>Тергеу нұсқасы бойынша, барлық жағдайдың артында бір адам тұр. Іздестірілуде: <strong>Руслан Игоревич Тарасенко, 1993 жылы туған</strong>. Бойы шамамен 180 см, арық, қара шашы қысқа қиылған. Өзін риелтор немесе үй иесі ретінде таныстыруы мүмкін.</p>\
<p>Жалпы залал 4 миллион теңгеден асады. «Алаяқтық» бабы бойынша сотқа дейінгі тергеп-тексеру басталды.</p>\
<p>Бұл адамды көрген немесе оның қайда екенін білетіндерден <strong>102</strong> нөміріне не Қарағанды қаласы полиция басқармасының кезекші бөліміне хабарлауды сұраймыз. Құпиялылыққа кепілдік беріледі.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2025-10-21T06:20:00Z"),
        region_code: Some("KZ-35"),
        author: "author",
        tags: &["kibermoshennichestvo", "proisshestviya"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &[],
        cover_image_url: None,
        cover_image_alt: None,
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ast_wanted_driver_en",
        lang: Language::En,
        translation_of: None,
        title: "Astana police seek the driver who left an injured pedestrian on Turan Avenue",
        lead: Some(
            "Astana police are looking for the driver of a dark grey sedan who hit a pedestrian on Turan Avenue and drove away, Polisia.kz reports.",
        ),
        body: "<p>Late in the evening of 2 February a car hit a 34-year-old woman at a pedestrian crossing on Turan Avenue, near Syganak Street. The driver did not stop. The woman was taken to hospital with a broken leg; doctors say her life is not in danger.</p>\
<p>Street cameras show a dark grey sedan with a broken front right headlight heading away along the avenue. Officers have narrowed the search to a few dozen cars of that model registered in the capital.</p>\
<p>Leaving the scene of a crash is an offence of its own, whoever caused it. A driver who comes forward of their own accord will have that counted in their favour.</p>\
<p>Anyone who saw the collision, has dashcam footage from Turan Avenue that evening or has noticed a grey sedan with a broken headlight is asked to call <strong>102</strong>.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2026-02-04T09:05:00Z"),
        region_code: Some("KZ-71"),
        author: "author2",
        tags: &["doroga", "proisshestviya"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &[],
        cover_image_url: None,
        cover_image_alt: None,
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "pvl_missing_pensioner",
        lang: Language::Ru,
        translation_of: None,
        title: "В Экибастузе ищут пенсионера, который ушёл из дома и не вернулся",
        lead: Some(
            "Полиция Экибастуза просит помочь найти 78-летнего мужчину, который утром ушёл из дома и не вернулся, передает Polisia.kz.",
        ),
        body: "<p>Утром 25 января из квартиры в 5-м микрорайоне Экибастуза ушёл и не вернулся <strong>Геннадий Павлович Лужин, 1948 года рождения</strong>. Родные говорят, что в последнее время он путает улицы и может не вспомнить свой адрес.</p>\
<p>Приметы: рост около 170 см, седые волосы, носит очки. Был одет в тёмно-синий пуховик, серую вязаную шапку и чёрные валенки.</p>\
<p>Вместе с полицейскими пропавшего ищут волонтёры поискового отряда и спасатели. Проверены больницы, подъезды и дачные массивы, просмотрены записи камер на остановках.</p>\
<p>– В такой мороз важен каждый час. Если вы видите пожилого человека, который растерян и легко одет, не проходите мимо: спросите, как его зовут, и позвоните в полицию, – попросили в местной полицейской службе.</p>\
<p>Всех, кто видел этого человека, просят сообщить по номеру <strong>102</strong> или <strong>112</strong>.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2026-01-27T04:40:00Z"),
        region_code: Some("KZ-55"),
        author: "author",
        tags: &["volontery", "proisshestviya"],
        meeting: None,
        participants: &[],
        quotes: &[DemoQuote {
            participant: None,
            text: "В такой мороз важен каждый час. Если вы видите пожилого человека, который растерян и легко одет, не проходите мимо: спросите, как его зовут, и позвоните в полицию.",
            kind: QuoteKind::Direct,
        }],
        related: &[],
        cover_image_url: None,
        cover_image_alt: None,
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "pvl_missing_pensioner_en",
        lang: Language::En,
        translation_of: Some("pvl_missing_pensioner"),
        title: "Ekibastuz police ask for help finding a pensioner who left home and did not return",
        lead: Some(
            "Police in Ekibastuz are asking for help in finding a 78-year-old man who left home in the morning and did not come back, Polisia.kz reports.",
        ),
        body: "<p>On the morning of 25 January <strong>Gennady Pavlovich Luzhin, born in 1948</strong>, left his flat in the 5th microdistrict of Ekibastuz and did not return. His family say that lately he has been confusing streets and may not remember his address.</p>\
<p>Description: about 170 cm tall, grey hair, wears glasses. He was wearing a dark blue down jacket, a grey knitted hat and black felt boots.</p>\
<p>Volunteers of a search team and rescuers are looking for him together with the police. Hospitals, stairwells and dacha settlements have been checked, and footage from cameras at bus stops has been viewed.</p>\
<p>“Every hour counts in this frost. If you see an elderly person who looks lost and is dressed too lightly, do not walk past: ask their name and call the police,” the local police service said.</p>\
<p>Anyone who has seen this man is asked to call <strong>102</strong> or <strong>112</strong>.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2026-01-27T04:50:00Z"),
        region_code: Some("KZ-55"),
        author: "author",
        tags: &["volontery", "proisshestviya"],
        meeting: None,
        participants: &[],
        quotes: &[DemoQuote {
            participant: None,
            text: "Every hour counts in this frost. If you see an elderly person who looks lost and is dressed too lightly, do not walk past: ask their name and call the police.",
            kind: QuoteKind::Direct,
        }],
        related: &[],
        cover_image_url: None,
        cover_image_alt: None,
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "zhm_missing_herder_kk",
        lang: Language::Kk,
        translation_of: None,
        title: "Шу ауданында хабарсыз кеткен малшыны іздеу жалғасуда",
        lead: Some(
            "Жамбыл облысының Шу ауданында жайылымнан оралмаған малшыны полицейлер мен еріктілер үшінші күн іздеп жүр, деп хабарлайды Polisia.kz.",
        ),
        body: "<p>16 мамырда Шу ауданындағы Төле би ауылының тұрғыны <strong>Ержан Серікұлы Әбдірахманов, 1979 жылы туған</strong>, қойларды жайылымға айдап шыққан, бірақ кешке үйіне оралмаған. Қойлар ауылға өздері қайтып келген.</p>\
<p>Белгілері: бойы шамамен 175 см, орта денелі, шашы қара. Соңғы рет жасыл күртеше, қара шалбар және етік киген.</p>\
<p>Іздеуге полицейлер, құтқарушылар және 40-тан астам ерікті қатысуда. Шу өзенінің жағасы мен төбелер арасындағы сайлар тексерілуде, дрондар ұшырылды.</p>\
<p>Бұл адамды көрген немесе ол туралы бірдеңе білетіндерден <strong>102</strong> нөміріне хабарласуды сұраймыз.</p>",
        status: ArticleStatus::Published,
        published: DemoPublication::At("2025-05-19T07:35:00Z"),
        region_code: Some("KZ-31"),
        author: "author2",
        tags: &["volontery"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &[],
        cover_image_url: None,
        cover_image_alt: None,
        source: Some("Polisia.kz"),
    },
];
