//! The tantivy schema: one document per paragraph.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use tantivy::store::Compressor;
use tantivy::{IndexBuilder, IndexSettings};

use super::tokenizer::{EXACT, WORDS};

/// Bumped whenever the schema, the tokenisers or the stored layout change (forces a rebuild).
pub const SCHEMA_VERSION: u32 = 10;

/// The fields of a paragraph document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Relative path of the report file (indexed raw, to delete a file's paragraphs).
    pub file: Field,
    /// The file's number in the manifest (fast: counting per report; indexed: the
    /// `region:`, `level:` and `section:` filters, which the catalog resolves to file
    /// numbers).
    pub fnum: Field,
    /// Paragraph index in the report.
    pub para: Field,
    /// Index of the paragraph's section in the report's outline (fast: the `section:`
    /// filter, which the catalog resolves to sections).
    pub sec: Field,
    /// The paragraph: stored as written, indexed as every character and bigrams of the
    /// index's frequent pairs, with positions, for exact phrases (see
    /// [`super::tokenizer::Pairs`]). One field for both, so each paragraph is copied
    /// into its document once.
    pub exact: Field,
    /// jieba words of three characters or more, as [`super::tokenizer::ranking_words`]
    /// gives them (ranking).
    pub words: Field,
    /// Year (0 when unknown).
    pub year: Field,
}

impl Fields {
    #[must_use]
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let positional = |tokenizer: &str| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
        };
        let words = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(WORDS)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields = Fields {
            file: b.add_text_field("file", STRING | STORED),
            fnum: b.add_u64_field("fnum", INDEXED | FAST | STORED),
            para: b.add_u64_field("para", STORED),
            sec: b.add_u64_field("sec", FAST | STORED),
            exact: b.add_text_field("exact", positional(EXACT).set_stored()),
            words: b.add_text_field("words", words),
            year: b.add_u64_field("year", INDEXED | FAST),
        };
        (b.build(), fields)
    }

    /// A builder for a new index of this schema and its settings: paragraphs stored
    /// uncompressed. Chinese text gains little from lz4 (the index is about a fifth larger
    /// without it), the build skips the compression, and reading a hit's paragraph needs no
    /// decompression.
    #[must_use]
    pub fn index_builder() -> (IndexBuilder, Fields) {
        let (schema, fields) = Fields::build();
        let settings = IndexSettings {
            docstore_compression: Compressor::None,
            ..IndexSettings::default()
        };
        (
            IndexBuilder::new().schema(schema).settings(settings),
            fields,
        )
    }

    /// The fields of an existing index's schema, if it is the one [`Fields::build`] makes.
    #[must_use]
    pub fn of(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            file: f("file")?,
            fnum: f("fnum")?,
            para: f("para")?,
            sec: f("sec")?,
            exact: f("exact")?,
            words: f("words")?,
            year: f("year")?,
        })
    }
}
