//! What the legal pages need from the node.

use super::LegalRepo;
use crate::basis::Basis;
use crate::site::SiteNeeds;

pub(crate) trait LegalNeeds: Basis + SiteNeeds {
    fn store(&self) -> &dyn LegalRepo;

    /// The address members reach the site at, named in the privacy notice.
    fn public_url(&self) -> &str;
}
