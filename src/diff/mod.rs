//! Semantic diff of two checked sheets (in progress).
