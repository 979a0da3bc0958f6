package dev.petrel.ike.eap;

/**
 * What one side of an EAP conversation does next (RFC 3748): send a message, or stop with success or failure.
 * The MSK, when the method derives one, keys the AUTH payloads that close IKE_AUTH (RFC 7296 §2.16).
 */
public sealed interface EapStep {
    /** Send {@code message}: a request (server) or a response (peer). */
    record Send(byte[] message) implements EapStep {}

    /**
     * The peer is authenticated (server) or the server said Success (peer).
     *
     * @param message the EAP-Success to send (server), null on the peer
     * @param msk the Master Session Key (RFC 3748 §7.10), or null for a method without one (EAP-MD5)
     * @param identity the identity the peer authenticated as: its EAP-Identity, or the IKE identity when none was asked
     */
    record Success(byte[] message, byte[] msk, String identity) implements EapStep {
        @Override
        public String toString() {
            return "Success[" + identity + (msk == null ? ", no MSK" : ", MSK of " + msk.length + " octets") + "]";
        }
    }

    /**
     * Authentication failed.
     *
     * @param message the EAP-Failure to send (server), null on the peer
     * @param reason what failed, for the log: never a secret
     */
    record Failure(byte[] message, String reason) implements EapStep {}
}
