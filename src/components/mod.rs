//! One component per file, each with its Props above it.

pub mod also_published;
pub mod cite;
pub mod compare;
pub mod compare_queries;
pub mod event_marker;
pub mod event_passages;
pub mod events_lane;
pub mod export_buttons;
pub mod header;
pub mod highlighted;
pub mod language_filters;
pub mod legend;
pub mod outlet_filters;
pub mod panel;
pub mod reader;
pub mod result_list;
pub mod result_row;
pub mod saved_searches;
pub mod search_box;
pub mod timeline;
