package dev.petrel.wire.ike;

/**
 * An IKEv2 payload (RFC 7296 §3.2): the body behind the generic payload header. The header's Next Payload and
 * Payload Length fields are not kept: {@link PayloadChain} computes them on encode.
 *
 * <p>Registry fields stay raw numbers, so that unknown values survive a round trip. The constructors refuse only what
 * the wire format cannot carry (a number too wide for its field, a TV attribute that is not 2 octets); decoding also
 * checks the RFCs' rules (nonce length, proposal numbering, SPI sizes...), so tests can build what a peer must not
 * send. Byte arrays are held as given, not copied; the records compare them by content and print only their length.
 */
public sealed interface Payload
        permits SecurityAssociationPayload, KeyExchangePayload, IdentificationPayload, CertificatePayload,
                CertificateRequestPayload, AuthenticationPayload, NoncePayload, NotifyPayload, DeletePayload,
                VendorIdPayload, TrafficSelectorPayload, EncryptedPayload, EncryptedFragmentPayload,
                ConfigurationPayload, EapPayload, UnknownPayload {
    /** The payload type number (RFC 7296 §3.2). */
    int type();

    /**
     * The critical bit: sent as 0 for the payloads we know, and ignored on receipt (RFC 7296 §3.2); kept for
     * {@link UnknownPayload}.
     */
    default boolean critical() {
        return false;
    }
}
