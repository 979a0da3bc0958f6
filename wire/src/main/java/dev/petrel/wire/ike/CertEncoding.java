package dev.petrel.wire.ike;

import dev.petrel.wire.iana.IanaValue;

/** Certificate encodings of the CERT and CERTREQ payloads (RFC 7296 §3.6; 5 is reserved). */
public enum CertEncoding implements IanaValue {
    PKCS7_WRAPPED_X509_CERTIFICATE(1),
    PGP_CERTIFICATE(2),
    DNS_SIGNED_KEY(3),
    X509_CERTIFICATE_SIGNATURE(4),
    KERBEROS_TOKEN(6),
    CERTIFICATE_REVOCATION_LIST(7),
    AUTHORITY_REVOCATION_LIST(8),
    SPKI_CERTIFICATE(9),
    X509_CERTIFICATE_ATTRIBUTE(10),
    RAW_RSA_KEY(11),
    HASH_AND_URL_X509_CERTIFICATE(12),
    HASH_AND_URL_X509_BUNDLE(13);

    private final int value;

    CertEncoding(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
