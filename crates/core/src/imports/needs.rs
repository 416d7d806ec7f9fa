//! What imports need from the node.

use super::ImportRepo;
use crate::basis::Basis;
use crate::contacts::ContactRepo;
use crate::legal::LegalRepo;
use crate::secrets::PasswordHashing;
use crate::site::SiteRepo;

/// The part of the store imports write: members and contacts, and for a demo the site's
/// settings and legal pages.
pub trait ImportsStore: ImportRepo + ContactRepo + SiteRepo + LegalRepo {}

impl<T: ImportRepo + ContactRepo + SiteRepo + LegalRepo + ?Sized> ImportsStore for T {}

pub(crate) trait ImportsNeeds: Basis {
    fn store(&self) -> &dyn ImportsStore;

    fn passwords(&self) -> &PasswordHashing;

    /// The address members reach the site at, named in the demo's privacy notice.
    fn public_url(&self) -> &str;
}
