package dev.petrel.crypto.registry;

/** Where a transform is used, which decides the RFC that grades it: RFC 8247 for IKEv2, RFC 8221 for ESP and AH. */
public enum Protocol {
    IKEV2,
    ESP,
    AH
}
