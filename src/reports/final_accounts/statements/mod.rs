//! The 情况说明 sections from “三公”经费 on — “三公”经费, 政府采购,
//! 国有资产占用, 预算绩效情况: their data ([`model`]) and the figures
//! derived and checked from it ([`derive`]); their sentences on the page
//! are written by `pages::statements`.

pub mod derive;
pub mod model;
