package dev.petrel.gateway.dataplane;

/**
 * What a PROTECT policy of the data plane's SPD sends matching inner traffic through: a CHILD_SA's outbound SA, or a
 * trap that holds the traffic and asks for that CHILD_SA to be negotiated.
 */
sealed interface Protection permits OutboundChild, Trap {}
