//! The command-line grammar.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::store::import::Field;

#[derive(Debug, Parser)]
#[command(
    name = "marketscope",
    version,
    about = "Cross-border e-commerce platforms charted: GMV, growth, downloads and events, every figure sourced",
    long_about = "Without a command, opens the dashboard. The default store lives in the OS data \
                  directory and is created with the sample data on first run."
)]
pub struct Cli {
    /// The store: a SQLite file (default: the OS data directory's marketscope.db), or a
    /// PostgreSQL database as `postgres://user@host:5432/db` or `host=... dbname=...`.
    #[arg(long, global = true, env = "MARKETSCOPE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The PostgreSQL schema of a `--db postgres://...` store (default: marketscope).
    #[arg(
        long,
        global = true,
        env = "MARKETSCOPE_PG_SCHEMA",
        value_name = "NAME"
    )]
    pub pg_schema: Option<String>,

    /// Close the dashboard once it has drawn the store's figures, printing when the first frames
    /// were presented (the cold-start benchmark times these lines).
    #[arg(long, global = true, hide = true)]
    pub exit_after_first_frame: bool,

    /// The dashboard's language (default: the one chosen last, else the OS locale's).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<RenderLang>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a store (with the sample data).
    Init {
        /// Load the sample data shipped with Marketscope.
        #[arg(long)]
        sample: bool,
    },
    /// Import CSV or other delimited text files and workbooks (xlsx, xls, ods): observations,
    /// events, or catalog files (told apart by the header).
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Which column feeds a field, e.g. --map value=Amount.
        #[arg(long = "map", value_name = "FIELD=COLUMN", value_parser = field_pair)]
        map: Vec<(Field, String)>,
        /// A constant for a field the file lacks, e.g. --set metric=gmv.
        #[arg(long = "set", value_name = "FIELD=VALUE", value_parser = field_pair)]
        set: Vec<(Field, String)>,
        /// Wide file: every column but the period column is a series named by FIELD.
        #[arg(long, value_name = "FIELD", value_parser = wide_field)]
        wide: Option<Field>,
        /// chrono format of the period column, e.g. "%d.%m.%Y", when detection is not enough.
        #[arg(long, value_name = "FMT")]
        date_format: Option<String>,
        /// Delimiter of a text file: , ; tab | or one character; detected when not given.
        #[arg(long, value_name = "CHAR", value_parser = delimiter)]
        delimiter: Option<u8>,
        /// Sheet of a workbook to read; the first sheet when not given.
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Numbers are written 1.234,5 (always so in a semicolon-separated file).
        #[arg(long)]
        decimal_comma: bool,
        /// Multiplier of every value of the value column, e.g. 1e9 for a column in billions.
        #[arg(long, value_name = "N", value_parser = scale)]
        scale: Option<f64>,
        /// Validate and report; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write observations to stdout, in base units.
    Export {
        #[arg(long, value_name = "P")]
        platform: Vec<String>,
        #[arg(long, value_name = "M")]
        metric: Vec<String>,
        #[arg(long, value_name = "R")]
        region: Vec<String>,
        /// actual, estimate or forecast.
        #[arg(long, value_name = "K")]
        kind: Vec<String>,
        /// Periods that end after the start of this period (e.g. 2024, 2024-Q3, 2024-07-01).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Periods that start by the end of this period.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Each figure as it was known at the end of this day (2024-06-30): only figures
        /// published by then, each at its latest revision by then.
        #[arg(long, value_name = "DATE", conflicts_with = "revisions")]
        as_of: Option<String>,
        /// Every revision of every figure, with when it was published and recorded.
        #[arg(long)]
        revisions: bool,
        /// Derive each series: level, change, pct_change, yoy, cagr, cumulative, index=DATE,
        /// share or share=PLATFORM. Applied after --currency and --to-grain.
        #[arg(long, value_name = "T", conflicts_with = "revisions")]
        transform: Option<String>,
        /// Convert each series to year, half, quarter, month, week or day first.
        #[arg(long, value_name = "GRAIN", conflicts_with = "revisions")]
        to_grain: Option<String>,
        /// How --to-grain aggregates: sum, mean or last (the metric's own by default).
        #[arg(long, value_name = "AGG", requires = "to_grain")]
        agg: Option<String>,
        /// Convert money to this currency at each period's rate from the fx_rate series.
        #[arg(long, value_name = "CODE", conflicts_with = "revisions")]
        currency: Option<String>,
    },
    /// Platforms x metrics: point counts, first and last period, latest value.
    Summary,
    /// Estimates against actuals for one metric and platform: each period's estimates, spread,
    /// median and actual with the surprise, then each publisher's record.
    Estimates {
        #[arg(long, value_name = "M")]
        metric: String,
        #[arg(long, value_name = "P")]
        platform: String,
        #[arg(long, value_name = "R")]
        region: Option<String>,
        /// table (both scorecards), csv (one row per period, or per publisher with
        /// --publishers) or json (both).
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// With --format csv: the publishers' scorecard instead of the periods'.
        #[arg(long)]
        publishers: bool,
    },
    /// The catalogue: platforms, metrics and regions with their names, units, signs and fiscal years.
    Catalog {
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
    },
    /// Write a deterministic synthetic dataset (for benchmarks and scale demos) into a store of its own.
    Generate {
        /// How many series (synthetic platforms).
        #[arg(long, default_value_t = 10)]
        series: usize,
        /// Daily points per series.
        #[arg(long, default_value_t = 100_000)]
        points: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The points' grain: one figure a minute, an hour or a day.
        #[arg(long, default_value = "day", value_parser = ["minute", "hour", "day"])]
        grain: String,
    },
    /// Present a stored story full screen in the dashboard (arrows / PageDown step, B blanks, Esc leaves).
    Present {
        /// The story's name, as `views list` shows it.
        story: String,
        /// Instead of presenting: write every step as a numbered PNG (01-title.png, ...) into
        /// this folder (made if missing), then close. Needs a display (Xvfb will do).
        #[arg(long, value_name = "DIR")]
        export_dir: Option<PathBuf>,
    },
    /// Render a saved view as one image, or a story as a deck, without a window or display.
    #[command(group(clap::ArgGroup::new("what").required(true).args(["view", "story"])))]
    Render {
        /// A saved view's name, as `views list` shows it: one image.
        #[arg(long, value_name = "NAME")]
        view: Option<String>,
        /// A story's name: a PDF deck (one page per step), or numbered SVGs or PNGs in the
        /// folder --out.
        #[arg(long, value_name = "NAME")]
        story: Option<String>,
        #[arg(long, value_enum)]
        format: RenderFormat,
        /// The file to write (a folder for a story's SVGs or PNGs).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Page width in pixels at scale 1 (a PDF page is this many pixels at 144 per inch).
        #[arg(long, default_value_t = 1920)]
        width: u32,
        #[arg(long, default_value_t = 1080)]
        height: u32,
        /// PNG pixels per page pixel: 2 makes a 1920x1080 page a 3840x2160 PNG.
        #[arg(long, default_value_t = 1.0)]
        scale: f32,
        /// The language of the labels.
        #[arg(long, value_enum, default_value_t = RenderLang::En)]
        lang: RenderLang,
        /// The export's own theme (light by default, whatever the dashboard's).
        #[arg(long, value_enum, default_value_t = RenderTheme::Light)]
        theme: RenderTheme,
    },
    /// Copy a whole store (catalogue, figures, revisions, events, views, stories) into a new one,
    /// between SQLite files and PostgreSQL databases either way.
    Copy {
        /// The store to read: a SQLite path or a PostgreSQL URL.
        #[arg(value_name = "FROM")]
        from: PathBuf,
        /// The store to create or fill (it must hold no figures, views or stories yet).
        #[arg(value_name = "TO")]
        to: PathBuf,
    },
    /// Saved views and stories, as JSON without the data.
    Views {
        #[command(subcommand)]
        action: ViewsAction,
    },
    /// Formula metrics: series computed from others when read (`gmv / downloads`), stored as
    /// their formula, exported and charted with every input's source.
    Metrics {
        #[command(subcommand)]
        action: MetricsAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum MetricsAction {
    /// Define a formula metric, e.g. `metrics add gmv_per_download --formula "gmv / downloads"`.
    /// Operators + - * / (also × ÷), numbers, parentheses, metric ids, and PLATFORM:METRIC for
    /// another platform's series (`gmv / market:china_cross_border_ecommerce:gmv * 100`).
    Add {
        /// The new metric's id: lower-case letters, digits and _.
        #[arg(value_name = "NAME")]
        id: String,
        #[arg(long, value_name = "EXPR")]
        formula: String,
        /// Its unit, when the algebra's (USD / count = "USD per download") is not the one wanted,
        /// e.g. percent for a share times 100.
        #[arg(long, value_name = "U")]
        unit: Option<String>,
        /// Its display name (the id when not given).
        #[arg(long = "name", value_name = "TEXT")]
        display_name: Option<String>,
    },
    /// Every metric with its unit, and the formula of each formula metric.
    List,
    /// Remove a formula metric (a metric of stored figures is never removed).
    Remove {
        #[arg(value_name = "NAME")]
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ViewsAction {
    /// Write every saved view and story to stdout as JSON.
    Export,
    /// Add the views and stories of a JSON file (same names are replaced).
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// List saved views and stories.
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    Svg,
    Pdf,
    Png,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderLang {
    En,
    Zh,
}

impl From<RenderLang> for crate::i18n::Lang {
    fn from(lang: RenderLang) -> Self {
        match lang {
            RenderLang::En => crate::i18n::Lang::En,
            RenderLang::Zh => crate::i18n::Lang::Zh,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderTheme {
    Light,
    Dark,
}

fn field_pair(text: &str) -> Result<(Field, String), String> {
    let (field, value) = text
        .split_once('=')
        .ok_or_else(|| format!("expected FIELD=VALUE, got {text:?}"))?;
    let field = Field::parse(field).ok_or_else(|| {
        format!(
            "unknown field {field:?}; fields: {}",
            Field::ALL.map(Field::name).join(", ")
        )
    })?;
    Ok((field, value.to_string()))
}

fn delimiter(text: &str) -> Result<u8, String> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        "comma" => Ok(b','),
        "semicolon" => Ok(b';'),
        "pipe" => Ok(b'|'),
        _ if text.len() == 1 && text.is_ascii() && !text.contains(['"', '\n', '\r']) => {
            Ok(text.as_bytes()[0])
        }
        _ => Err(format!(
            "--delimiter takes one ASCII character (, ; | or tab), got {text:?}"
        )),
    }
}

fn scale(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && n > 0.0 => Ok(n),
        _ => Err(format!(
            "--scale takes a positive number such as 1e9 or 1000000, got {text:?}"
        )),
    }
}

fn wide_field(text: &str) -> Result<Field, String> {
    match Field::parse(text) {
        Some(field @ (Field::Platform | Field::Metric | Field::Region)) => Ok(field),
        _ => Err(format!(
            "--wide takes platform, metric or region, got {text:?}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_command_lines_parse() {
        let cli = Cli::try_parse_from([
            "marketscope",
            "import",
            "--db",
            "x.db",
            "a.csv",
            "b.csv",
            "--map",
            "value=Amount",
            "--set",
            "metric=gmv",
            "--wide",
            "platform",
            "--date-format",
            "%d.%m.%Y",
            "--delimiter",
            "tab",
            "--sheet",
            "Q3 data",
            "--decimal-comma",
            "--scale",
            "1e9",
            "--dry-run",
        ])
        .expect("parses");
        let Some(Command::Import {
            files,
            map,
            set,
            wide,
            date_format,
            delimiter,
            sheet,
            decimal_comma,
            scale,
            dry_run,
        }) = cli.command
        else {
            panic!("not an import: {cli:?}");
        };
        assert_eq!(cli.db, Some(PathBuf::from("x.db")));
        assert_eq!(files.len(), 2);
        assert_eq!(map, vec![(Field::Value, "Amount".to_string())]);
        assert_eq!(set, vec![(Field::Metric, "gmv".to_string())]);
        assert_eq!(wide, Some(Field::Platform));
        assert_eq!(date_format.as_deref(), Some("%d.%m.%Y"));
        assert_eq!(delimiter, Some(b'\t'));
        assert_eq!(sheet.as_deref(), Some("Q3 data"));
        assert!(decimal_comma);
        assert_eq!(scale, Some(1e9));
        assert!(dry_run);
        for bad in [["--scale", "0"], ["--scale", "-1e9"], ["--delimiter", ";;"]] {
            let mut line = vec!["marketscope", "import", "a.csv"];
            line.extend(bad);
            assert!(Cli::try_parse_from(line).is_err(), "{bad:?}");
        }
        assert!(
            Cli::try_parse_from(["marketscope", "import", "a.csv", "--map", "colour of sky=x"])
                .is_err()
        );
        assert!(
            Cli::try_parse_from(["marketscope", "import", "a.csv", "--wide", "value"]).is_err()
        );
        let cli = Cli::try_parse_from(["marketscope"]).expect("no command opens the dashboard");
        assert!(cli.command.is_none());
    }
}
