//! What the checks of a project depend on besides the project itself: read
//! once from the department block and the unit definitions, then immutable.

use crate::lang::category::Framework;
use crate::lang::units::{Dimension, UnitTable};

/// The sheet-wide facts a project is checked against. A project's check
/// reads only this and its own statement, so an editor can re-check one
/// changed project alone.
#[derive(Clone, Debug)]
pub struct SheetContext {
    /// The built-in units and those the sheet declares (`define-unit`).
    pub(crate) units: UnitTable,
    pub(crate) framework: Framework,
    /// 万元 or 元.
    pub(crate) money_unit: &'static str,
    /// The sheet's year, once read: completes dates written without one.
    pub(crate) year: Option<i32>,
}

impl Default for SheetContext {
    fn default() -> SheetContext {
        SheetContext {
            units: UnitTable::builtin(),
            framework: Framework::F2015,
            money_unit: "万元",
            year: None,
        }
    }
}

impl SheetContext {
    /// The sheet's year, if its department block gives one.
    pub fn year(&self) -> Option<i32> {
        self.year
    }

    /// The money unit of the sheet's amounts: 万元 or 元.
    pub fn money_unit(&self) -> &'static str {
        self.money_unit
    }

    /// The indicator framework the sheet follows (2015 unless it says 2021).
    pub fn framework(&self) -> Framework {
        self.framework
    }

    /// Every unit the sheet may use, built-in first (most common first),
    /// then those it declares, each with its dimension.
    pub fn units(&self) -> Vec<(&str, &Dimension)> {
        self.units.names()
    }
}
