package dev.petrel.ike.config;

/**
 * How one side of a connection proves who it is (one authentication round, swanctl's {@code local}/{@code remote}
 * {@code auth}): what we prove ourselves with ({@link Local}) and what we accept from the peer ({@link Remote}).
 * A pre-shared key is both; with certificates we hold our certificate and private key, and the peer's certificate
 * must chain to trust anchors; with EAP we hold our EAP credentials ({@link EapCredentials}), or run the EAP server
 * for the peer ({@link EapPolicy}). A connection has one round or more of each side ({@link LocalRound},
 * {@link RemoteRound}; RFC 4739).
 */
public sealed interface Authentication permits Authentication.Local, Authentication.Remote {
    /** Our side: a pre-shared key, our certificate and private key, or our EAP credentials. */
    sealed interface Local extends Authentication permits PreSharedKey, CertificateAuth, EapCredentials {}

    /** The peer's side: the pre-shared key, a certificate that chains to one of our trust anchors, or EAP. */
    sealed interface Remote extends Authentication permits PreSharedKey, TrustAnchors, EapPolicy {}
}
