//! What entities need from the node.

use super::EntityRepo;
use crate::basis::Basis;
use crate::network::Network;

pub(crate) trait EntitiesNeeds: Basis {
    fn store(&self) -> &dyn EntityRepo;

    /// Who the asker may not see: their entities are not suggested.
    fn network(&self) -> Network<'_>;
}
