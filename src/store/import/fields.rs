//! The fields a file can feed, the column names (and synonyms) they are recognised by, and which
//! kind of file a header describes.

use std::collections::BTreeMap;

/// A field of one of the importable records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Platform,
    Metric,
    Region,
    Period,
    Grain,
    Value,
    Unit,
    Kind,
    Qualifier,
    Source,
    SourceUrl,
    Note,
    // Events.
    EndDate,
    Title,
    Category,
    Description,
    // Catalog files: platforms, regions, metrics, sources.
    Id,
    Name,
    NameZh,
    Parent,
    ParentZh,
    Colour,
    Type,
    Published,
    // v3: catalogue facts, which exports carry so a store survives a round trip through CSV.
    FiscalYearStart,
    NonNegative,
    Aggregate,
    PlatformName,
    MetricName,
    RegionName,
    PeriodEnd,
    Recorded,
    MetricUnit,
}

impl Field {
    pub const ALL: [Field; 33] = [
        Field::Platform,
        Field::Metric,
        Field::Region,
        Field::Period,
        Field::Grain,
        Field::Value,
        Field::Unit,
        Field::Kind,
        Field::Qualifier,
        Field::Source,
        Field::SourceUrl,
        Field::Note,
        Field::EndDate,
        Field::Title,
        Field::Category,
        Field::Description,
        Field::Id,
        Field::Name,
        Field::NameZh,
        Field::Parent,
        Field::ParentZh,
        Field::Colour,
        Field::Type,
        Field::Published,
        Field::FiscalYearStart,
        Field::NonNegative,
        Field::Aggregate,
        Field::PlatformName,
        Field::MetricName,
        Field::RegionName,
        Field::PeriodEnd,
        Field::Recorded,
        Field::MetricUnit,
    ];

    /// The name used in `--map`, `--set`, messages and exports.
    pub fn name(self) -> &'static str {
        match self {
            Field::Platform => "platform",
            Field::Metric => "metric",
            Field::Region => "region",
            Field::Period => "period",
            Field::Grain => "grain",
            Field::Value => "value",
            Field::Unit => "unit",
            Field::Kind => "kind",
            Field::Qualifier => "qualifier",
            Field::Source => "source",
            Field::SourceUrl => "source_url",
            Field::Note => "note",
            Field::EndDate => "end_date",
            Field::Title => "title",
            Field::Category => "category",
            Field::Description => "description",
            Field::Id => "id",
            Field::Name => "name",
            Field::NameZh => "name_zh",
            Field::Parent => "parent",
            Field::ParentZh => "parent_zh",
            Field::Colour => "colour",
            Field::Type => "type",
            Field::Published => "published",
            Field::FiscalYearStart => "fiscal_year_start",
            Field::NonNegative => "non_negative",
            Field::Aggregate => "aggregate",
            Field::PlatformName => "platform_name",
            Field::MetricName => "metric_name",
            Field::RegionName => "region_name",
            Field::PeriodEnd => "period_end",
            Field::Recorded => "recorded",
            Field::MetricUnit => "metric_unit",
        }
    }

    /// Column names recognised for this field, lowercase, beside its own name. Events call
    /// their period `date`; that synonym belongs to Period.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Platform => &["company", "app", "symbol", "ticker", "marketplace", "brand"],
            Field::Metric => &["kpi", "measure", "indicator", "series"],
            Field::Region => &["country", "market", "geo", "geography", "area"],
            Field::Period => &[
                "date",
                "month",
                "quarter",
                "year",
                "time",
                "day",
                "timestamp",
                "start_date",
            ],
            Field::Grain => &["granularity", "frequency", "period_grain"],
            Field::Value => &["amount", "price", "count", "figure", "number", "val"],
            Field::Unit => &["units", "currency"],
            Field::Kind => &["type_of_figure", "status", "figure_kind"],
            Field::Qualifier => &["wording", "approx"],
            Field::Source => &["publisher", "source_name", "provider"],
            Field::SourceUrl => &["url", "link", "source_link", "href"],
            Field::Note => &["notes", "comment", "comments", "remark", "remarks"],
            Field::EndDate => &["end", "until", "to", "date_end"],
            Field::Title => &["event", "headline", "name_of_event"],
            Field::Category => &["event_type", "tag"],
            Field::Description => &["details", "detail", "summary", "text"],
            Field::Id => &["key", "code"],
            Field::Name => &["display_name", "label"],
            Field::NameZh => &["chinese_name", "name_cn", "zh"],
            Field::Parent => &["parent_company", "owner"],
            Field::ParentZh => &["parent_chinese", "parent_cn"],
            Field::Colour => &["color", "hex"],
            Field::Type => &["platform_type"],
            Field::Published => &[
                "published_date",
                "publication_date",
                "pub_date",
                "date_published",
                "as_of",
                "vintage",
            ],
            Field::FiscalYearStart => &["fiscal_start", "fy_start", "fiscal_year_start_month"],
            Field::NonNegative => &["nonnegative", "non_negative_only"],
            Field::Aggregate => &["aggregation", "aggregates"],
            Field::PlatformName => &["platform_display_name"],
            Field::MetricName => &["metric_display_name"],
            Field::RegionName => &["region_display_name"],
            Field::PeriodEnd => &["end_of_period"],
            Field::Recorded => &["imported", "recorded_at"],
            Field::MetricUnit => &["unit_of_metric"],
        }
    }

    pub fn parse(name: &str) -> Option<Field> {
        let norm = normalise(name);
        Field::ALL.into_iter().find(|f| f.name() == norm)
    }
}

/// Lowercase, trimmed, inner spaces and dashes as underscores: "Source URL" -> "source_url".
pub fn normalise(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// Whether a header cell names a field of any file, by its own name or a synonym.
pub fn is_known_column(header: &str) -> bool {
    let name = normalise(header);
    Field::ALL
        .into_iter()
        .any(|f| f.name() == name || f.synonyms().contains(&name.as_str()))
}

/// What a file holds, told apart by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    // Ordered as they must be imported: the catalog before what refers to it.
    Platforms,
    Regions,
    Metrics,
    Sources,
    Observations,
    Events,
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Platforms => "platforms",
            FileKind::Regions => "regions",
            FileKind::Metrics => "metrics",
            FileKind::Sources => "sources",
            FileKind::Observations => "observations",
            FileKind::Events => "events",
        }
    }

    /// The fields a file of this kind can have, in the order of precedence for synonyms.
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            FileKind::Observations => &[
                Platform,
                Metric,
                Region,
                Period,
                Grain,
                Value,
                Unit,
                Kind,
                Qualifier,
                Source,
                SourceUrl,
                Note,
                Published,
                PlatformName,
                MetricName,
                RegionName,
                PeriodEnd,
                Recorded,
                MetricUnit,
                FiscalYearStart,
                NonNegative,
                Aggregate,
            ],
            FileKind::Events => &[
                Period,
                EndDate,
                Title,
                Category,
                Platform,
                Region,
                Description,
                Source,
                SourceUrl,
            ],
            FileKind::Platforms => &[
                Id,
                Name,
                NameZh,
                Parent,
                ParentZh,
                Colour,
                Type,
                FiscalYearStart,
            ],
            FileKind::Regions => &[Id, Name],
            FileKind::Metrics => &[Id, Name, NameZh, Unit, NonNegative, Aggregate, Description],
            FileKind::Sources => &[Source, Title, SourceUrl, Published],
        }
    }

    pub fn required(self) -> &'static [Field] {
        use Field::*;
        match self {
            FileKind::Observations => &[Platform, Metric, Period, Value],
            FileKind::Events => &[Period, Title],
            FileKind::Platforms | FileKind::Regions => &[Id, Name],
            FileKind::Metrics => &[Id, Name],
            FileKind::Sources => &[Source],
        }
    }
}

/// Which column feeds each field, and the columns nothing claimed.
#[derive(Debug, Clone, Default)]
pub struct ColumnMap {
    pub columns: BTreeMap<Field, usize>,
    pub unknown: Vec<String>,
}

/// Matches header cells to the fields of `kind`: explicit `--map` first, then the field's own
/// name, then synonyms. The first column wins a field; a later one is reported as unknown.
pub fn map_columns(
    kind: FileKind,
    header: &[String],
    explicit: &[(Field, String)],
) -> Result<ColumnMap, String> {
    let mut map = ColumnMap::default();
    let normalised: Vec<String> = header.iter().map(|h| normalise(h)).collect();
    let mut claimed = vec![false; header.len()];
    for (field, column) in explicit {
        let wanted = normalise(column);
        let index = normalised
            .iter()
            .position(|h| *h == wanted)
            .ok_or_else(|| {
                format!(
                    "--map {}={column}: the file has no column {column:?}",
                    field.name()
                )
            })?;
        map.columns.insert(*field, index);
        claimed[index] = true;
    }
    for pass in 0..2 {
        for &field in kind.fields() {
            if map.columns.contains_key(&field) {
                continue;
            }
            let found = normalised.iter().enumerate().position(|(i, h)| {
                !claimed[i]
                    && if pass == 0 {
                        h == field.name()
                    } else {
                        field.synonyms().contains(&h.as_str())
                    }
            });
            if let Some(i) = found {
                map.columns.insert(field, i);
                claimed[i] = true;
            }
        }
    }
    map.unknown = header
        .iter()
        .zip(&claimed)
        .filter(|(h, c)| !**c && !h.trim().is_empty())
        .map(|(h, _)| h.trim().to_string())
        .collect();
    Ok(map)
}

/// Tells a file's kind from its header (after `--map`), or says why it cannot.
pub fn detect_kind(
    header: &[String],
    explicit: &[(Field, String)],
    set: &[Field],
    wide: bool,
) -> Result<FileKind, String> {
    let names: Vec<String> = header.iter().map(|h| normalise(h)).collect();
    let has = |field: Field| {
        explicit.iter().any(|(f, _)| *f == field)
            || set.contains(&field)
            || names
                .iter()
                .any(|n| n == field.name() || field.synonyms().contains(&n.as_str()))
    };
    if wide || has(Field::Value) {
        return Ok(FileKind::Observations);
    }
    if has(Field::Title) && has(Field::Period) {
        return Ok(FileKind::Events);
    }
    let exact = |name: &str| names.iter().any(|n| n == name);
    if exact("id") && exact("name") {
        if has(Field::Colour) || exact("parent") || exact("fiscal_year_start") {
            return Ok(FileKind::Platforms);
        }
        if exact("unit") || exact("non_negative") || exact("aggregate") {
            return Ok(FileKind::Metrics);
        }
        if exact("name_zh") {
            return Ok(FileKind::Platforms);
        }
        return Ok(FileKind::Regions);
    }
    if exact("publisher") {
        return Ok(FileKind::Sources);
    }
    Err(format!(
        "cannot tell what this file holds from its header ({}): observations need platform, metric, period and value columns, events need date and title; name yours with --map FIELD=COLUMN (e.g. --map value=Amount)",
        header
            .iter()
            .map(|h| h.trim())
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn synonyms_map_case_insensitively_and_unknown_columns_are_kept() {
        let h = header(&[
            "Company",
            "KPI",
            "Country",
            "Date",
            "Amount",
            "Publisher",
            "Link",
            "Colour of sky",
        ]);
        let map = map_columns(FileKind::Observations, &h, &[]).expect("maps");
        assert_eq!(map.columns[&Field::Platform], 0);
        assert_eq!(map.columns[&Field::Metric], 1);
        assert_eq!(map.columns[&Field::Region], 2);
        assert_eq!(map.columns[&Field::Period], 3);
        assert_eq!(map.columns[&Field::Value], 4);
        assert_eq!(map.columns[&Field::Source], 5);
        assert_eq!(map.columns[&Field::SourceUrl], 6);
        assert_eq!(map.unknown, vec!["Colour of sky".to_string()]);
    }

    #[test]
    fn explicit_maps_win_and_name_missing_columns() {
        let h = header(&["Shop", "When", "Sales ($)"]);
        let explicit = vec![
            (Field::Platform, "Shop".to_string()),
            (Field::Period, "when".to_string()),
            (Field::Value, "Sales ($)".to_string()),
        ];
        let map = map_columns(FileKind::Observations, &h, &explicit).expect("maps");
        assert_eq!(map.columns[&Field::Value], 2);
        assert!(map.unknown.is_empty());
        let err = map_columns(
            FileKind::Observations,
            &h,
            &[(Field::Value, "Revenue".into())],
        )
        .expect_err("no such column");
        assert!(err.contains("Revenue"), "{err}");
    }

    #[test]
    fn kinds_are_told_apart_by_header() {
        let kind = |cells: &[&str]| detect_kind(&header(cells), &[], &[], false);
        assert_eq!(
            kind(&["platform", "metric", "period", "value"]),
            Ok(FileKind::Observations)
        );
        assert_eq!(kind(&["date", "title", "category"]), Ok(FileKind::Events));
        assert_eq!(
            kind(&["id", "name", "name_zh", "colour"]),
            Ok(FileKind::Platforms)
        );
        assert_eq!(
            kind(&["id", "name", "unit", "description"]),
            Ok(FileKind::Metrics)
        );
        assert_eq!(kind(&["id", "name"]), Ok(FileKind::Regions));
        assert_eq!(
            kind(&["publisher", "title", "url", "published"]),
            Ok(FileKind::Sources)
        );
        assert!(kind(&["foo", "bar"]).is_err());
    }

    #[test]
    fn header_names_are_normalised() {
        assert_eq!(normalise("\u{feff}Source URL "), "source_url");
        assert_eq!(normalise("end-date"), "end_date");
    }
}
