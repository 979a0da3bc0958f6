package dev.petrel.wire.iana;

/** A transform id of one of the IKEv2 transform registries: the values a proposal can carry. */
public sealed interface Transform extends IanaValue
        permits EncryptionAlgorithm, PseudorandomFunction, IntegrityAlgorithm, KeyExchangeMethod, ExtendedSequenceNumbers {
    TransformType type();
}
