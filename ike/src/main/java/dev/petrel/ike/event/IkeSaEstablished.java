package dev.petrel.ike.event;

import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.keys.IkeSuite;

/** An IKE SA finished IKE_AUTH: who, where, with which algorithms, and whether a NAT lies between us. */
public record IkeSaEstablished(long ikeSaId, String connection, boolean initiator, Endpoint local, Endpoint remote,
        Identity localId, Identity remoteId, IkeSuite suite, boolean natDetected) implements IkeEvent {}
