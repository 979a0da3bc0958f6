package dev.petrel.ike.engine;

import dev.petrel.wire.ike.IkeMessage;

/**
 * A message as the exchanges see it: the header with the payloads (for protected messages, those inside SK) and
 * the datagram as it arrived (IKE_SA_INIT's is part of the AUTH octets, RFC 7296 §2.15).
 */
record Received(IkeMessage message, byte[] datagram) {}
