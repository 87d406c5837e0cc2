//! Reuters-21578 (`reut2-*.sgm`): the product's reader ([`newsgraph_ingest::reuters`]), which the
//! demo's dated wire set reads too; evaluations and benchmarks use it through this path.

pub use newsgraph_ingest::reuters::*;
